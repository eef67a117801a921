package org.schoolsafety.platform.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the validated token says: the subject (a user or client id, never shown to other
 * organisations), the organisation the caller acts for, and the platform roles it holds. Services decide
 * organisation scope from this, not only the gateway.
 *
 * @param subject the token's {@code sub}
 * @param organisationId the {@code org} claim, or empty when the token names none (then the caller's scope is
 *     empty: it sees nothing that belongs to an organisation)
 * @param roles the platform roles in the token
 */
public record Caller(String subject, String organisationId, Set<Role> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller of the current request, when it carries a validated token. */
    public static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller an authentication stands for, when it comes from a validated platform token. */
    public static Optional<Caller> of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        String organisation = token.getToken().getClaimAsString(TokenClaims.ORGANISATION);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        TokenValidation.authorities(token.getToken())
                .forEach(authority -> Role.named(authority.getAuthority().substring("ROLE_".length()))
                        .ifPresent(roles::add));
        return Optional.of(new Caller(token.getName(), organisation == null ? "" : organisation, roles));
    }

    /** Whether the caller holds at least one of these roles. */
    public boolean hasAnyRole(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
