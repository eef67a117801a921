package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A recipient confirmed they have the message (a signed link, an SMS reply, an API call).
 *
 * @param deliveryId the delivery
 * @param notificationId its notification
 * @param endpointId its endpoint; the key
 * @param organisationId the endpoint's organisation
 * @param via {@code link}, {@code sms} or {@code api}
 * @param at when it was acknowledged
 */
public record DeliveryAcknowledged(
        String deliveryId, String notificationId, String endpointId, String organisationId, String via, Instant at)
        implements DeliveryOutcome {

    public DeliveryAcknowledged {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(at, "at");
    }
}
