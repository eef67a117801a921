package org.schoolsafety.events.notification;

import java.util.List;
import java.util.Objects;

/**
 * Who a notification is for, in terms of the directory. An organisation is in the audience if it is, or
 * lies below, any listed organisation, county or region; {@code statewide} takes every organisation.
 *
 * @param statewide every organisation in the state
 * @param regionIds directory ids of regions
 * @param countyFips five-digit county FIPS codes (e.g. {@code 29019} for Boone County, Missouri)
 * @param organisationIds directory ids of districts, schools or agencies
 */
public record Audience(
        boolean statewide, List<String> regionIds, List<String> countyFips, List<String> organisationIds) {

    public Audience {
        Objects.requireNonNull(regionIds, "regionIds");
        Objects.requireNonNull(organisationIds, "organisationIds");
        regionIds = List.copyOf(regionIds);
        countyFips = List.copyOf(countyFips);
        organisationIds = List.copyOf(organisationIds);
    }
}
