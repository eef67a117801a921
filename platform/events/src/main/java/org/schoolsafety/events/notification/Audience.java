package org.schoolsafety.events.notification;

import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.OrganisationKind;

/**
 * Who a notification is for, in terms of the directory. An organisation is in the audience if it is, or
 * lies below, any listed organisation, county or region; {@code statewide} takes every organisation. Kinds and
 * roles narrow that down; empty lists narrow nothing.
 *
 * @param statewide every organisation in the state
 * @param regionIds directory ids of regions
 * @param countyFips five-digit county FIPS codes (e.g. {@code 29019} for Boone County, Missouri)
 * @param organisationIds directory ids of districts, schools or agencies
 * @param organisationKinds only organisations of these kinds (e.g. schools only); empty for every kind
 * @param roles only endpoints with these roles (e.g. cybersecurity coordinators); empty for every endpoint
 * @param channels only endpoints on these channels (an escalation to a school's SMS numbers); empty for every
 *     channel
 */
public record Audience(
        boolean statewide,
        List<String> regionIds,
        List<String> countyFips,
        List<String> organisationIds,
        List<OrganisationKind> organisationKinds,
        List<EndpointRole> roles,
        List<Channel> channels) {

    public Audience {
        regionIds = List.copyOf(Objects.requireNonNull(regionIds, "regionIds"));
        countyFips = List.copyOf(Objects.requireNonNull(countyFips, "countyFips"));
        organisationIds = List.copyOf(Objects.requireNonNull(organisationIds, "organisationIds"));
        organisationKinds = List.copyOf(Objects.requireNonNull(organisationKinds, "organisationKinds"));
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** An audience on every channel. */
    public Audience(
            boolean statewide,
            List<String> regionIds,
            List<String> countyFips,
            List<String> organisationIds,
            List<OrganisationKind> organisationKinds,
            List<EndpointRole> roles) {
        this(statewide, regionIds, countyFips, organisationIds, organisationKinds, roles, List.of());
    }

    /** Everyone in the state, of every kind and role. */
    public static Audience everyone() {
        return new Audience(true, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** These organisations and everything below them. */
    public static Audience organisations(List<String> organisationIds) {
        return new Audience(false, List.of(), List.of(), organisationIds, List.of(), List.of());
    }
}
