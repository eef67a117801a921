package org.schoolsafety.events.alert;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.notification.Audience;

/**
 * An alert was approved and issued (CAP {@code msgType=Alert}).
 *
 * @param alertId platform id; the key
 * @param identifier CAP identifier
 * @param sender CAP sender
 * @param sent CAP sent
 * @param status actual, exercise or test
 * @param info what the alert says
 * @param audience where it applies
 */
public record AlertIssued(
        String alertId,
        String identifier,
        String sender,
        Instant sent,
        AlertStatus status,
        AlertInfo info,
        Audience audience)
        implements AlertEvent {

    public AlertIssued {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(audience, "audience");
    }
}
