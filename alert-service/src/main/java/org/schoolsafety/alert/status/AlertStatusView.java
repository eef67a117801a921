package org.schoolsafety.alert.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertAccess;
import org.schoolsafety.alert.alert.AlertMessage;
import org.schoolsafety.alert.area.AreaResolver;
import org.schoolsafety.alert.status.AlertStatusReport.Counts;
import org.schoolsafety.alert.status.AlertStatusReport.DistrictRollup;
import org.schoolsafety.alert.status.AlertStatusReport.MessageStatus;
import org.schoolsafety.alert.status.AlertStatusReport.OrganisationStatus;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.platform.security.Caller;
import org.springframework.stereotype.Component;

/** Builds an alert's status report from the counters, scoped to what the caller may see. */
@Component
class AlertStatusView {

    private final StatusStore store;
    private final AreaResolver areas;
    private final AlertAccess access;
    private final Escalations escalations;
    private final Clock clock;

    AlertStatusView(StatusStore store, AreaResolver areas, AlertAccess access, Escalations escalations, Clock clock) {
        this.escalations = escalations;
        this.store = store;
        this.areas = areas;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The report as {@code caller} may see it. State staff, and callers whose subtree holds everything the alert
     * reached, see the message totals as counted; anyone else sees them summed over the organisations of its own
     * subtree, with {@code expected} left out (the expansion is counted for the whole audience only).
     */
    AlertStatusReport report(Alert alert, Caller caller) {
        boolean whole = access.reachedOnlyWithinCaller(alert, caller);
        List<MessageStatus> messages = new ArrayList<>();
        Map<String, long[]> byOrganisation = new TreeMap<>();
        for (AlertMessage message : alert.messages()) {
            StatusStore.Counters counters = store.counters(message.notificationId());
            Map<String, Long> counted = whole ? counters.counts() : ownCounts(counters.byOrganisation(), caller);
            messages.add(new MessageStatus(
                    message.number(),
                    message.msgType(),
                    message.notificationId(),
                    whole ? counts(counters.expected(), null) : null,
                    counts(counted, "sent"),
                    counts(counted, "delivered"),
                    counts(counted, "failed"),
                    counts(counted, "acknowledged")));
            boolean first = message.number() == 1;
            counters.byOrganisation().forEach((field, value) -> {
                int bar = field.lastIndexOf('|');
                String organisation = field.substring(0, bar);
                int kind =
                        List.of("sent", "delivered", "failed", "acknowledged").indexOf(field.substring(bar + 1));
                if (kind >= 0 && kind < 3 && first && access.withinCaller(organisation, caller)) {
                    byOrganisation.computeIfAbsent(organisation, id -> new long[4])[kind] += value;
                }
            });
        }
        // acknowledgements of any message or escalation count for the organisation
        store.acknowledgedOrganisations(alert.id()).forEach((organisation, count) -> {
            if (access.withinCaller(organisation, caller)) {
                byOrganisation.computeIfAbsent(organisation, id -> new long[4])[3] += count;
            }
        });
        List<OrganisationStatus> organisations = new ArrayList<>();
        Map<String, int[]> districts = new LinkedHashMap<>();
        byOrganisation.forEach((id, c) -> {
            OrganisationChanged known = areas.organisation(id).orElse(null);
            organisations.add(new OrganisationStatus(
                    id,
                    known == null ? id : known.name(),
                    known == null ? null : known.kind().name(),
                    c[0],
                    c[1],
                    c[2],
                    c[3]));
            areas.district(id).ifPresent(district -> {
                int[] rollup = districts.computeIfAbsent(district.organisationId(), d -> new int[2]);
                rollup[0]++;
                rollup[1] += c[3] > 0 ? 1 : 0;
            });
        });
        List<DistrictRollup> rollups = districts.entrySet().stream()
                .map(entry -> new DistrictRollup(
                        entry.getKey(),
                        areas.organisation(entry.getKey())
                                .map(OrganisationChanged::name)
                                .orElse(entry.getKey()),
                        entry.getValue()[0],
                        entry.getValue()[1]))
                .sorted(Comparator.comparing(DistrictRollup::name))
                .toList();
        List<Escalations.Escalation> escalated = escalations.of(alert.id()).stream()
                .filter(step -> access.withinCaller(step.organisationId(), caller))
                .toList();
        return new AlertStatusReport(
                alert.id(), alert.state().name(), messages, organisations, rollups, escalated, clock.instant());
    }

    /**
     * A notification's counts as {@link StatusStore} keeps them in total ({@code sent}, {@code sent:email}, …),
     * summed over the caller's own organisations only.
     */
    private Map<String, Long> ownCounts(Map<String, Long> byOrganisation, Caller caller) {
        Map<String, Long> own = new java.util.HashMap<>();
        Map<String, Boolean> within = new java.util.HashMap<>();
        byOrganisation.forEach((field, value) -> {
            int bar = field.lastIndexOf('|');
            if (bar > 0
                    && within.computeIfAbsent(
                            field.substring(0, bar), organisation -> access.withinCaller(organisation, caller))) {
                own.merge(field.substring(bar + 1), value, Long::sum);
            }
        });
        return own;
    }

    private static Counts counts(Map<String, Long> counts, String kind) {
        String prefix = kind == null ? "" : kind + ":";
        return new Counts(
                counts.getOrDefault(kind == null ? "total" : kind, 0L),
                counts.getOrDefault(prefix + "email", 0L),
                counts.getOrDefault(prefix + "sms", 0L),
                counts.getOrDefault(prefix + "webhook", 0L));
    }
}
