package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * delivery-service found an endpoint unusable: a webhook answered 410 Gone, a mail server said the mailbox does
 * not exist, the SMS provider said the number cannot receive messages, or every call to it has failed for a
 * sustained period. subscription-service disables it (unverified: it gets nothing but a new verification) and
 * tells its organisation; its keeper verifies it again once it is mended. On {@code delivery-outcomes}, keyed by
 * {@code endpointId}.
 *
 * @param endpointId the endpoint; the key
 * @param organisationId the organisation it belongs to, which is told
 * @param channel email, SMS or webhook
 * @param reason why, in words that name no address (e.g. {@code HTTP 410}, {@code SMTP 550}, {@code failing for
 *     24 h})
 * @param failingSince when the failures began, for a sustained failure; {@code null} for a single decisive answer
 * @param at when delivery-service decided
 */
public record EndpointDisabled(
        String endpointId, String organisationId, Channel channel, String reason, Instant failingSince, Instant at)
        implements DeliveryEvent {

    public EndpointDisabled {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
