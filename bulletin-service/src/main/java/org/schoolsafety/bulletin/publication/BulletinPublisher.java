package org.schoolsafety.bulletin.publication;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts one bulletin revision on Kafka in one transaction: the revision on {@code bulletins}, its notification to
 * everyone on {@code notifications} (weekly bulletin feed, bulk lane), and the audit record. All three or none.
 * The notification id is derived from bulletin and revision, so publishing a revision again sends nobody anything
 * twice.
 */
@Component
class BulletinPublisher {

    private final KafkaTemplate<String, Object> template;
    private final EventPublisher events;

    BulletinPublisher(KafkaTemplate<String, Object> template) {
        this.template = template;
        this.events = new EventPublisher(template);
    }

    /** Returns once the broker has committed the transaction. */
    void publish(BulletinPublished bulletin, Message message, AuditRecorded audit) {
        NotificationRequested notification = new NotificationRequested(
                notificationId(bulletin.bulletinId(), bulletin.revision()),
                Feed.WEEKLY_BULLETIN,
                Lane.BULK,
                "bulletin",
                bulletin.bulletinId(),
                false,
                bulletin.tlp(),
                null,
                Audience.everyone(),
                message,
                bulletin.publishedAt());
        template.executeInTransaction(operations -> {
            events.publish(Topics.BULLETINS, bulletin.bulletinId(), bulletin);
            events.publish(Topics.NOTIFICATIONS, notification.notificationId(), notification);
            events.publish(Topics.AUDIT, audit.organisationId(), audit);
            return null;
        });
    }

    /** The one notification id of a revision: a name-based UUID of {@code bulletin/<id>/<revision>}. */
    static String notificationId(String bulletinId, int revision) {
        return UUID.nameUUIDFromBytes(("bulletin/" + bulletinId + "/" + revision).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
