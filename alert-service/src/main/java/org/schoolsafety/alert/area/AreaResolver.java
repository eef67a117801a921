package org.schoolsafety.alert.area;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.AlertUnavailable;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.springframework.stereotype.Component;

/**
 * Checks an alert's area against the directory and says how big it is. Every region, county and organisation
 * named must exist and be open: an alert for a mistyped district would reach nobody and look sent.
 */
@Component
public class AreaResolver {

    private static final int DESCRIPTION_NAMES = 5;

    private final OrganisationDirectory directory;

    AreaResolver(OrganisationDirectory directory) {
        this.directory = directory;
    }

    /** The area as the directory knows it; a 400 problem naming the field when something is unknown. */
    public ResolvedArea resolve(Area area, String field) {
        if (area == null || area.isEmpty()) {
            throw new AlertRejected(
                    field, "Name where the alert applies: statewide, or regions, counties, districts or schools.");
        }
        if (directory.size() == 0) {
            throw new AlertUnavailable("The directory has not been loaded yet; try again in a few seconds.");
        }
        List<OrganisationChanged> targets = new ArrayList<>();
        List<String> sameCodes = new ArrayList<>();
        for (int i = 0; i < area.regionIds().size(); i++) {
            targets.add(named(area.regionIds().get(i), OrganisationKind.REGION, field + ".regionIds[" + i + "]"));
        }
        for (int i = 0; i < area.countyFips().size(); i++) {
            String fips = area.countyFips().get(i);
            String countyField = field + ".countyFips[" + i + "]";
            OrganisationChanged county = directory
                    .county(fips)
                    .orElseThrow(() -> new AlertRejected(
                            countyField, "No county with FIPS code " + printable(fips) + " in the directory."));
            targets.add(county);
            if (county.sameCode() != null) {
                sameCodes.add(county.sameCode());
            }
        }
        for (int i = 0; i < area.organisationIds().size(); i++) {
            targets.add(named(area.organisationIds().get(i), null, field + ".organisationIds[" + i + "]"));
        }
        Audience audience = new Audience(
                area.statewide(),
                area.regionIds(),
                area.countyFips(),
                area.organisationIds(),
                area.organisationKinds(),
                area.roles());
        return new ResolvedArea(audience, covered(area, targets), description(area, targets), sameCodes);
    }

    private OrganisationChanged named(String id, OrganisationKind kind, String field) {
        return directory
                .find(id)
                .filter(found -> kind == null || found.kind() == kind)
                .orElseThrow(() -> new AlertRejected(
                        field,
                        "No open " + (kind == null ? "organisation" : "region") + " " + printable(id)
                                + " in the directory."));
    }

    /** Districts, schools and agencies reached, each once, of the kinds asked for. */
    private int covered(Area area, List<OrganisationChanged> targets) {
        Set<OrganisationKind> kinds = area.organisationKinds().isEmpty()
                ? OrganisationDirectory.RECIPIENT_KINDS
                : new HashSet<>(area.organisationKinds());
        Function<OrganisationChanged, Boolean> counts =
                organisation -> OrganisationDirectory.RECIPIENT_KINDS.contains(organisation.kind())
                        && kinds.contains(organisation.kind());
        if (area.statewide()) {
            return (int) directory.all().stream().filter(counts::apply).count();
        }
        Set<String> reached = new HashSet<>();
        for (OrganisationChanged target : targets) {
            for (OrganisationChanged organisation : directory.subtree(target.organisationId())) {
                if (counts.apply(organisation)) {
                    reached.add(organisation.organisationId());
                }
            }
        }
        return reached.size();
    }

    private static String description(Area area, List<OrganisationChanged> targets) {
        if (area.description() != null && !area.description().isBlank()) {
            return area.description().strip();
        }
        if (area.statewide()) {
            return "Statewide";
        }
        Set<String> names = new LinkedHashSet<>();
        targets.forEach(target -> names.add(target.name()));
        List<String> shown = names.stream().limit(DESCRIPTION_NAMES).toList();
        String more = names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "";
        return String.join(", ", shown) + more;
    }

    /** Ids echoed into a problem detail are cut short and stripped of controls. */
    private static String printable(String value) {
        String cut = value == null ? "(none)" : value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** Whether an alert for {@code audience} reaches organisation {@code organisationId}. */
    boolean covers(Audience audience, String organisationId) {
        if (audience.statewide()) {
            return true;
        }
        for (OrganisationChanged at : directory.lineage(organisationId)) {
            if (audience.organisationIds().contains(at.organisationId())
                    || audience.regionIds().contains(at.organisationId())
                    || (at.kind() == OrganisationKind.COUNTY
                            && audience.countyFips().contains(at.countyFips()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an alert for {@code audience} reaches {@code rootId} or any organisation below it: the audience
     * covers {@code rootId}, or one of the organisations, regions or counties it names lies within {@code rootId}'s
     * subtree. Walks up from each named target rather than down the subtree, so it costs the audience's size times
     * the directory's depth, however big the subtree.
     */
    public boolean reachesWithin(Audience audience, String rootId) {
        if (rootId == null || rootId.isEmpty()) {
            return false;
        }
        if (covers(audience, rootId)) {
            return true;
        }
        return targets(audience).stream().anyMatch(target -> isWithin(target, rootId));
    }

    /**
     * Whether everything an alert for {@code audience} reaches lies at or below {@code rootId}: it is not statewide
     * and every organisation, region and county it names is {@code rootId} or below it. Then every delivery of the
     * alert went to {@code rootId}'s subtree.
     */
    public boolean liesWithin(Audience audience, String rootId) {
        if (audience.statewide() || rootId == null || rootId.isEmpty()) {
            return false;
        }
        List<String> targets = targets(audience);
        return targets.size()
                        == audience.organisationIds().size()
                                + audience.regionIds().size()
                                + audience.countyFips().size()
                && !targets.isEmpty()
                && targets.stream().allMatch(target -> isWithin(target, rootId));
    }

    /** The directory ids of the organisations, regions and counties (those the directory knows) an audience names. */
    private List<String> targets(Audience audience) {
        List<String> targets = new ArrayList<>(audience.organisationIds());
        targets.addAll(audience.regionIds());
        for (String fips : audience.countyFips()) {
            directory.countyId(fips).ifPresent(targets::add);
        }
        return targets;
    }

    /** Whether {@code organisationId} is {@code ancestorId} or lies below it in the directory. */
    public boolean isWithin(String organisationId, String ancestorId) {
        return ancestorId != null
                && !ancestorId.isEmpty()
                && directory.lineage(organisationId).stream()
                        .anyMatch(at -> at.organisationId().equals(ancestorId));
    }

    /** The directory's entry for an organisation, open or closed, if it has one. */
    public java.util.Optional<OrganisationChanged> organisation(String organisationId) {
        List<OrganisationChanged> line = directory.lineage(organisationId);
        return line.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(line.getFirst());
    }

    /** The district an organisation belongs to (itself if it is one), if any. */
    public java.util.Optional<OrganisationChanged> district(String organisationId) {
        return directory.lineage(organisationId).stream()
                .filter(at -> at.kind() == OrganisationKind.DISTRICT)
                .findFirst();
    }
}
