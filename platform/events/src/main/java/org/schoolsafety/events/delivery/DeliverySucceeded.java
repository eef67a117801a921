package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * The channel accepted the message: the SMTP server took it, the SMS provider queued it, or the webhook
 * receiver answered 2xx.
 *
 * @param deliveryId the delivery
 * @param notificationId its notification
 * @param endpointId its endpoint; the key
 * @param organisationId the endpoint's organisation
 * @param channel email, SMS or webhook
 * @param attempt 1 for the first try
 * @param providerReference the receiver's id for it (SMTP queue id, SMS message id, HTTP status), or {@code null}
 * @param at when it was accepted
 */
public record DeliverySucceeded(
        String deliveryId,
        String notificationId,
        String endpointId,
        String organisationId,
        Channel channel,
        int attempt,
        String providerReference,
        Instant at)
        implements DeliveryOutcome {

    public DeliverySucceeded {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
    }
}
