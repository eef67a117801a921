package org.schoolsafety.events.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * An SMS someone sent to the platform's number, as the provider reported it: keywords (STOP, HELP, YES,
 * START) that subscription-service acts on for every endpoint with that number. On {@code delivery-outcomes},
 * keyed by the sender's number so that one person's replies stay in order.
 *
 * @param from the sender, E.164
 * @param to the platform's number that received it, E.164
 * @param body the text as sent
 * @param providerMessageId the provider's id of the inbound message; replies derive their delivery ids from it,
 *     so a redelivered event never answers twice
 * @param receivedAt when the provider received it
 */
public record SmsReceived(String from, String to, String body, String providerMessageId, Instant receivedAt)
        implements DeliveryEvent {

    public SmsReceived {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
