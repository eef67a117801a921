package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertCancelled;
import org.schoolsafety.events.alert.AlertEvent;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertUpdated;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts one CAP message of an alert on Kafka in one transaction: the alert's state on {@code alerts}, the
 * notification on {@code notifications} (urgent lane, with every channel's rendition), and the audit record.
 * All three or none. Publishing the same message twice is harmless: the alert record is state, and the
 * notification id (hence every delivery id) is the same, so no endpoint gets it twice.
 */
@Component
class AlertPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

    private final KafkaTemplate<String, Object> template;
    private final EventPublisher events;
    private final AlertRenditions renditions;

    AlertPublisher(KafkaTemplate<String, Object> template, AlertRenditions renditions) {
        this.template = template;
        this.events = new EventPublisher(template);
        this.renditions = renditions;
    }

    /** Returns once the broker has committed the transaction. */
    void publish(Alert alert, AlertMessage message, List<AuditRecorded> audits) {
        NotificationRequested notification = new NotificationRequested(
                message.notificationId(),
                Feed.URGENT_ALERTS,
                Lane.URGENT,
                "alert",
                alert.id(),
                alert.drill(),
                null,
                null,
                alert.resolved().audience(),
                renditions.of(alert, message),
                message.sent());
        template.executeInTransaction(operations -> {
            events.publish(Topics.ALERTS, alert.id(), event(alert, message));
            events.publish(Topics.NOTIFICATIONS, message.notificationId(), notification);
            for (AuditRecorded audit : audits) {
                events.publish(Topics.AUDIT, audit.organisationId(), audit);
            }
            return null;
        });
    }

    /** Whether {@code e} came from the broker (unreachable, timed out, transaction aborted), which a retry may mend. */
    static boolean brokerFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.KafkaException
                    || cause instanceof org.springframework.kafka.KafkaException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** An audit record on its own, for steps that send nothing. Returns once the broker has it. */
    void audit(AuditRecorded audit) {
        template.executeInTransaction(operations -> events.publish(Topics.AUDIT, audit.organisationId(), audit));
    }

    /** An audit record on its own, logged rather than thrown when the broker does not take it. */
    void auditQuietly(AuditRecorded audit) {
        try {
            audit(audit);
        } catch (RuntimeException e) {
            log.error("audit record {} of {} could not be published", audit.action(), audit.target(), e);
        }
    }

    static AuditRecorded audit(Caller caller, String action, String alertId, boolean allowed, Instant at) {
        return new AuditRecorded(
                UUID.randomUUID().toString(),
                caller.subject(),
                caller.organisationId().isEmpty() ? "unknown" : caller.organisationId(),
                action,
                "alert/" + alertId,
                allowed ? "allowed" : "denied",
                at);
    }

    private static AlertEvent event(Alert alert, AlertMessage message) {
        return switch (message.msgType()) {
            case "Alert" ->
                new AlertIssued(
                        alert.id(),
                        message.identifier(),
                        alert.sender(),
                        message.sent(),
                        alert.status(),
                        alert.info(),
                        alert.resolved().audience());
            case "Update" ->
                new AlertUpdated(
                        alert.id(),
                        message.identifier(),
                        alert.sender(),
                        message.sent(),
                        alert.status(),
                        references(alert, message),
                        alert.info(),
                        alert.resolved().audience());
            default ->
                new AlertCancelled(
                        alert.id(),
                        message.identifier(),
                        alert.sender(),
                        message.sent(),
                        alert.status(),
                        references(alert, message),
                        message.summary());
        };
    }

    private static List<String> references(Alert alert, AlertMessage message) {
        return alert.messages().stream()
                .filter(earlier -> earlier.number() < message.number())
                .map(earlier -> earlier.reference(alert.sender(), AlertMessage.capTime(earlier.sent())))
                .toList();
    }
}
