package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * A try failed. {@code permanent} failures (a hard bounce, an invalid number, retries exhausted) are final;
 * others will be retried and may be followed by a success.
 *
 * @param deliveryId the delivery
 * @param notificationId its notification
 * @param endpointId its endpoint; the key
 * @param organisationId the endpoint's organisation
 * @param channel email, SMS or webhook
 * @param attempt 1 for the first try
 * @param reason short, without personal data, e.g. {@code http 503} or {@code smtp 550 5.1.1}
 * @param permanent no further try will be made
 * @param at when it failed
 */
public record DeliveryFailed(
        String deliveryId,
        String notificationId,
        String endpointId,
        String organisationId,
        Channel channel,
        int attempt,
        String reason,
        boolean permanent,
        Instant at)
        implements DeliveryOutcome {

    /** The reason of a webhook's permanent failure when its receiver answered 410 Gone: the endpoint is gone. */
    public static final String GONE = "HTTP 410";

    public DeliveryFailed {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
