package org.schoolsafety.localstack.issuer;

import java.util.List;

/**
 * One demo caller: an OAuth2 client whose tokens carry one role and one organisation.
 *
 * @param clientId the client id (and the token's subject)
 * @param role the role name (DESIGN.md §6)
 * @param organisationId the directory id of the caller's organisation
 * @param who a person would recognise
 */
record DemoIdentity(String clientId, String role, String organisationId, String who) {

    /** The client's secret, {@code local-only-<client id>}: the local stack is for development only. */
    String secret() {
        return "local-only-" + clientId;
    }

    /** Organisation ids are those of the seeded directory (subscription-service, resources/directory/mo). */
    static final List<DemoIdentity> ALL = List.of(
            new DemoIdentity("state-broadcaster", "STATE_BROADCASTER", "mo-state", "school safety coordinator"),
            new DemoIdentity("state-approver", "STATE_APPROVER", "mo-state", "Center for Education Safety lead"),
            new DemoIdentity("state-analyst", "STATE_ANALYST", "mo-state", "fusion-center cyber analyst"),
            new DemoIdentity("state-editor", "STATE_EDITOR", "mo-state", "weekly update editor"),
            new DemoIdentity("state-admin", "STATE_ADMIN", "mo-state", "directory administrator"),
            new DemoIdentity(
                    "columbia-93-admin", "DISTRICT_ADMIN", "mo-district-columbia-93", "Columbia 93 district admin"),
            new DemoIdentity(
                    "kansas-city-33-admin",
                    "DISTRICT_ADMIN",
                    "mo-district-kansas-city-33",
                    "Kansas City 33 district admin"),
            new DemoIdentity(
                    "rock-bridge-coordinator",
                    "SCHOOL_COORDINATOR",
                    "mo-school-rock-bridge-sr-high",
                    "Rock Bridge High School safety coordinator"),
            new DemoIdentity("columbia-93-sis", "SYSTEM", "mo-district-columbia-93", "Columbia 93 SIS integration"));
}
