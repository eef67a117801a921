package org.schoolsafety.alert.area;

import java.util.List;
import org.schoolsafety.events.directory.EndpointRole;
import org.schoolsafety.events.directory.OrganisationKind;

/**
 * Where an alert applies, as state staff name it: the whole state, or any mix of regions, counties and
 * organisations (districts, schools, agencies), narrowed to some kinds of organisation or roles if wanted.
 *
 * @param statewide every organisation in the state
 * @param regionIds directory ids of regions
 * @param countyFips five-digit county FIPS codes; CAP imports may name counties by SAME code instead
 * @param organisationIds directory ids of districts, schools or agencies
 * @param organisationKinds only these kinds (e.g. schools); empty for every kind
 * @param roles only endpoints with these roles; empty for every endpoint
 * @param description the CAP {@code areaDesc}; made from the names of what is targeted when empty
 */
public record Area(
        Boolean statewide,
        List<String> regionIds,
        List<String> countyFips,
        List<String> organisationIds,
        List<OrganisationKind> organisationKinds,
        List<EndpointRole> roles,
        String description) {

    public Area {
        // absent means no, for a person writing JSON by hand
        statewide = Boolean.TRUE.equals(statewide);
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
        countyFips = countyFips == null ? List.of() : List.copyOf(countyFips);
        organisationIds = organisationIds == null ? List.of() : List.copyOf(organisationIds);
        organisationKinds = organisationKinds == null ? List.of() : List.copyOf(organisationKinds);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Whether the area names anything at all. */
    public boolean isEmpty() {
        return !statewide && regionIds.isEmpty() && countyFips.isEmpty() && organisationIds.isEmpty();
    }
}
