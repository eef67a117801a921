package org.schoolsafety.alert.alert;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.area.ResolvedArea;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertCancelled;
import org.schoolsafety.events.alert.AlertEvent;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertUpdated;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts issued alerts back into Redis from the compacted {@code alerts} topic when Redis lost them: read to the end
 * on every start, before the API serves anything, and followed after. An alert Redis still has at the same or a
 * later message is left alone. What the topic does not carry comes back as the safe choice: the scope is
 * {@code Restricted} (never on the public feed), the author unknown, an update's summary empty, the area's size
 * zero; status counts live in Redis under their notification ids and come back with it, or not at all. Drafts
 * never reach the topic and are not rebuilt.
 */
@Component
class AlertsTopicView extends TopicView {

    private static final Logger log = LoggerFactory.getLogger(AlertsTopicView.class);
    static final String UNKNOWN_AUTHOR = "unknown (rebuilt from the alerts topic)";

    private final AlertStore store;

    AlertsTopicView(ConsumerFactory<?, ?> consumers, SkippedRecords skipped, AlertStore store) {
        super(consumers, skipped, Topics.ALERTS.name(), "alert-service-alerts");
        this.store = store;
    }

    /** Issued alerts live in Redis: a wiped Redis gets them back from the topic. */
    @Override
    protected boolean keptInRedis() {
        return true;
    }

    @Override
    protected void apply(ConsumerRecords<String, Object> batch) {
        for (ConsumerRecord<String, Object> record : batch) {
            if (record.value() instanceof AlertEvent event) {
                restore(event);
            }
        }
    }

    private void restore(AlertEvent event) {
        int number = number(identifier(event));
        Alert known = store.find(event.alertId()).orElse(null);
        if (known != null && known.messages().size() >= number) {
            return;
        }
        Alert rebuilt;
        if (event instanceof AlertCancelled cancelled) {
            if (known == null) {
                // compaction kept only the cancel: the alert is over, and its words are gone with the issue record
                log.info(
                        "alert {} was cancelled; the topic no longer holds what it said, so it is not rebuilt",
                        cancelled.alertId());
                return;
            }
            AlertMessage cancel = new AlertMessage(
                    number,
                    "Cancel",
                    cancelled.identifier(),
                    cancelled.sent(),
                    cancelled.alertId() + "-m" + number,
                    cancelled.note());
            rebuilt = known.withMessage(AlertState.CANCELLED, known.info(), cancel, cancelled.sent())
                    .markPublished();
        } else {
            rebuilt = rebuilt(event, number, known == null ? 1 : known.revision() + 1);
        }
        if (known == null) {
            store.create(rebuilt, null, "");
        } else {
            store.replace(known, rebuilt);
        }
        for (AlertMessage message : rebuilt.messages()) {
            store.rememberIdentifier(message.identifier(), rebuilt.id());
        }
        log.info("alert {} rebuilt from the alerts topic at message {}", event.alertId(), number);
    }

    private static Alert rebuilt(AlertEvent event, int number, long revision) {
        return switch (event) {
            case AlertIssued issued ->
                alert(
                        issued.alertId(),
                        revision,
                        AlertState.ISSUED,
                        issued.status(),
                        issued.sender(),
                        issued.info(),
                        issued.audience(),
                        messages(issued.alertId(), List.of(), issued.identifier(), issued.sent(), number, "Alert", ""));
            case AlertUpdated updated ->
                alert(
                        updated.alertId(),
                        revision,
                        AlertState.ISSUED,
                        updated.status(),
                        updated.sender(),
                        updated.info(),
                        updated.audience(),
                        messages(
                                updated.alertId(),
                                updated.references(),
                                updated.identifier(),
                                updated.sent(),
                                number,
                                "Update",
                                ""));
            case AlertCancelled cancelled -> throw new IllegalStateException("handled by the caller");
        };
    }

    private static Alert alert(
            String id,
            long revision,
            AlertState state,
            org.schoolsafety.events.alert.AlertStatus status,
            String sender,
            org.schoolsafety.events.alert.AlertInfo info,
            Audience audience,
            List<AlertMessage> messages) {
        Area area = new Area(
                audience.statewide(),
                audience.regionIds(),
                audience.countyFips(),
                audience.organisationIds(),
                audience.organisationKinds(),
                audience.roles(),
                null);
        ResolvedArea resolved =
                new ResolvedArea(audience, 0, audience.statewide() ? "Statewide" : "As first sent", List.of());
        java.time.Instant first = messages.getFirst().sent();
        return new Alert(
                id,
                revision,
                state,
                status,
                "Restricted",
                sender,
                info,
                area,
                resolved,
                UNKNOWN_AUTHOR,
                "",
                null,
                null,
                messages,
                true,
                first,
                messages.getLast().sent());
    }

    /** The earlier messages named in CAP references ({@code sender,identifier,sent}), then this one. */
    private static List<AlertMessage> messages(
            String alertId,
            List<String> references,
            String identifier,
            java.time.Instant sent,
            int number,
            String msgType,
            String summary) {
        List<AlertMessage> messages = new ArrayList<>();
        for (String reference : references) {
            String[] parts = reference.split(",");
            String earlier = parts[1];
            int n = number(earlier);
            java.time.Instant at = java.time.OffsetDateTime.parse(parts[2]).toInstant();
            messages.add(new AlertMessage(n, n == 1 ? "Alert" : "Update", earlier, at, alertId + "-m" + n, ""));
        }
        messages.add(new AlertMessage(number, msgType, identifier, sent, alertId + "-m" + number, summary));
        return messages;
    }

    private static String identifier(AlertEvent event) {
        return switch (event) {
            case AlertIssued issued -> issued.identifier();
            case AlertUpdated updated -> updated.identifier();
            case AlertCancelled cancelled -> cancelled.identifier();
        };
    }

    /** Our identifiers end in {@code -<message number>}. */
    static int number(String identifier) {
        return Integer.parseInt(identifier.substring(identifier.lastIndexOf('-') + 1));
    }
}
