package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;

/**
 * Work for delivery-service: send one message to one endpoint. Produced by subscription-service when it
 * resolves a notification's audience.
 *
 * <p>Topics {@code delivery-requests-urgent} and {@code delivery-requests-bulk} (by {@code lane}); key
 * {@code endpointId}, so one endpoint's messages stay in order and one slow endpoint holds up only its own
 * partition.
 *
 * @param deliveryId {@link DeliveryIds#of(String, String)} of notification and endpoint
 * @param notificationId the notification this expands
 * @param endpointId the endpoint; the key
 * @param organisationId the organisation that owns the endpoint
 * @param channel email, SMS or webhook
 * @param address where to: an email address, an E.164 number or an HTTPS URL. Personal data: never logged
 * @param lane urgent or bulk
 * @param feed the feed the notification belongs to
 * @param message what to say: the notification's message as this channel renders it ({@link Message#renditionFor})
 * @param requestedAt when the audience was resolved
 * @param organisationName the organisation's name as the directory holds it, for messages that greet it
 *     ({@link Message#ORGANISATION_NAME}); {@code null} where unknown
 * @param window bulk lane only: the hours in which the organisation takes bulk messages, which delivery-service
 *     waits for; {@code null} on the urgent lane (never held)
 */
public record DeliveryRequested(
        String deliveryId,
        String notificationId,
        String endpointId,
        String organisationId,
        Channel channel,
        String address,
        Lane lane,
        Feed feed,
        Message message,
        Instant requestedAt,
        String organisationName,
        DeliveryWindow window) {

    public DeliveryRequested {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A request without an organisation name or delivery window. */
    public DeliveryRequested(
            String deliveryId,
            String notificationId,
            String endpointId,
            String organisationId,
            Channel channel,
            String address,
            Lane lane,
            Feed feed,
            Message message,
            Instant requestedAt) {
        this(
                deliveryId,
                notificationId,
                endpointId,
                organisationId,
                channel,
                address,
                lane,
                feed,
                message,
                requestedAt,
                null,
                null);
    }
}
