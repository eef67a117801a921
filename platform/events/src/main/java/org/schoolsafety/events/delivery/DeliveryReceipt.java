package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * What a provider reported later about a message it had accepted ({@link DeliverySucceeded}): an SMS provider's
 * status callback saying the handset got it, or that it never will. A {@code delivered} receipt confirms; an
 * {@code undelivered} or {@code failed} one means the recipient did not get the message although the channel took
 * it. On {@code delivery-outcomes}, keyed by {@code endpointId}; produced by delivery-service.
 *
 * @param deliveryId the delivery
 * @param notificationId its notification
 * @param endpointId its endpoint; the key
 * @param organisationId the endpoint's organisation
 * @param channel the channel (SMS today)
 * @param status what the provider reported
 * @param providerReference the provider's id for the message
 * @param errorCode the provider's error code for a message not delivered, or {@code null}
 * @param at when delivery-service heard of it
 */
public record DeliveryReceipt(
        String deliveryId,
        String notificationId,
        String endpointId,
        String organisationId,
        Channel channel,
        Status status,
        String providerReference,
        String errorCode,
        Instant at)
        implements DeliveryOutcome {

    /** What the provider reported. */
    public enum Status {
        /** The recipient's device has it. */
        DELIVERED,
        /** The carrier could not deliver it (unreachable handset, blocked, unknown number). */
        UNDELIVERED,
        /** The provider could not send it at all. */
        FAILED
    }

    public DeliveryReceipt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(at, "at");
    }
}
