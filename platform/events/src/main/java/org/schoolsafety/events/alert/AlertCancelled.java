package org.schoolsafety.events.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert was called off (CAP {@code msgType=Cancel}); it must reach every endpoint that got the alert.
 *
 * @param alertId platform id of the alert; the key
 * @param identifier CAP identifier of the cancel message
 * @param sender CAP sender
 * @param sent CAP sent
 * @param status actual, exercise or test
 * @param references CAP references of the messages it cancels
 * @param note why, in words recipients read
 */
public record AlertCancelled(
        String alertId,
        String identifier,
        String sender,
        Instant sent,
        AlertStatus status,
        List<String> references,
        String note)
        implements AlertEvent {

    public AlertCancelled {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(note, "note");
        references = List.copyOf(references);
    }
}
