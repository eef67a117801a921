package org.schoolsafety.alert.area;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.text.Text;

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
        @Size(max = 50) List<@Text(max = ID_MAX) String> regionIds,
        @Size(max = 200) List<@Text(max = 6) String> countyFips,
        @Size(max = 5000) List<@Text(max = ID_MAX) String> organisationIds,
        @Size(max = 20) List<OrganisationKind> organisationKinds,
        @Size(max = 20) List<EndpointRole> roles,
        @Text(max = DESCRIPTION_MAX) String description) {

    /** The longest directory id. */
    public static final int ID_MAX = 80;

    /** The longest CAP {@code areaDesc} written by hand: one line a message can carry. */
    public static final int DESCRIPTION_MAX = 500;

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
