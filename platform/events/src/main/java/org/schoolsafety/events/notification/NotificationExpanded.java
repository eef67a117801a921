package org.schoolsafety.events.notification;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Lane;

/**
 * subscription-service resolved a notification's audience and requested this many deliveries, in the same
 * transaction as the delivery requests themselves: the denominator for "delivered to n of m". Topic
 * {@code notifications}; key {@code notificationId}.
 *
 * @param notificationId the notification expanded
 * @param lane the lane its delivery requests went on
 * @param expected how many delivery requests (one per endpoint) were written
 * @param emails of which email
 * @param sms of which SMS
 * @param webhooks of which webhook
 * @param expandedAt when the expansion was written
 */
public record NotificationExpanded(
        String notificationId, Lane lane, int expected, int emails, int sms, int webhooks, Instant expandedAt)
        implements NotificationEvent {

    public NotificationExpanded {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(expandedAt, "expandedAt");
    }
}
