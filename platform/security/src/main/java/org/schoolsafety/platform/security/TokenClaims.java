package org.schoolsafety.platform.security;

/** Names of the claims the platform reads from an access token, beyond the registered ones. */
public final class TokenClaims {

    /** The caller's roles: a JSON array of {@link Role} names. */
    public static final String ROLES = "roles";

    /** The directory id of the caller's organisation, e.g. {@code mo-state} or a district's id. */
    public static final String ORGANISATION = "org";

    private TokenClaims() {}
}
