package org.schoolsafety.events.directory;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;

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
 * @param tlpClearance the most restricted TLP marking of cyber advisories it may receive; {@code null} means
 *     {@link Tlp#GREEN}, the community default; never {@link Tlp#RED}
 * @param changedAt when this state took effect
 * @param deliveryWindow the hours in which it takes bulk messages (bulletins, advisories); {@code null} means the
 *     platform's default
 */
public record OrganisationChanged(
        String organisationId,
        OrganisationKind kind,
        String name,
        String parentId,
        String countyFips,
        String sameCode,
        boolean closed,
        Tlp tlpClearance,
        Instant changedAt,
        DeliveryWindow deliveryWindow)
        implements DirectoryEvent {

    public OrganisationChanged {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(changedAt, "changedAt");
        if (tlpClearance == Tlp.RED) {
            throw new IllegalArgumentException("TLP:RED goes to named people, never to an organisation");
        }
    }

    /** An organisation with the platform's default delivery window. */
    public OrganisationChanged(
            String organisationId,
            OrganisationKind kind,
            String name,
            String parentId,
            String countyFips,
            String sameCode,
            boolean closed,
            Tlp tlpClearance,
            Instant changedAt) {
        this(organisationId, kind, name, parentId, countyFips, sameCode, closed, tlpClearance, changedAt, null);
    }

    /** The clearance in effect: {@link Tlp#GREEN} unless the state administrator set another. */
    public Tlp clearance() {
        return tlpClearance == null ? Tlp.GREEN : tlpClearance;
    }

    /** Whether an advisory marked {@code marking} may reach this organisation ({@code null}: unmarked, yes). */
    public static boolean cleared(Tlp clearance, Tlp marking) {
        return marking == null || (marking != Tlp.RED && clearance.ordinal() <= marking.ordinal());
    }
}
