package org.schoolsafety.events.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * The current state of one organisation in the directory: produced by subscription-service whenever an
 * organisation is added, renamed, moved or closed. On the compacted {@code directory} topic keyed by
 * {@code organisationId}, so the latest record is the organisation as it stands; closed organisations stay
 * with {@code closed=true} so their history keeps a name.
 *
 * @param organisationId directory id, e.g. {@code mo-district-010089}
 * @param kind level in the hierarchy
 * @param name current name
 * @param parentId id of the parent organisation, {@code null} for the state
 * @param countyFips five-digit county FIPS code, or {@code null} above county level
 * @param sameCode six-digit SAME location code for counties, otherwise {@code null}
 * @param closed the organisation no longer operates
 * @param changedAt when this state took effect
 */
public record OrganisationChanged(
        String organisationId,
        OrganisationKind kind,
        String name,
        String parentId,
        String countyFips,
        String sameCode,
        boolean closed,
        Instant changedAt)
        implements DirectoryEvent {

    public OrganisationChanged {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
