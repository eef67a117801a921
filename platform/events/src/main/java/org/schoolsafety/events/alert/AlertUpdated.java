package org.schoolsafety.events.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.notification.Audience;

/**
 * An issued alert was corrected (CAP {@code msgType=Update}); it replaces the earlier message.
 *
 * @param alertId platform id of the alert; the key
 * @param identifier CAP identifier of this update
 * @param sender CAP sender
 * @param sent CAP sent
 * @param status actual, exercise or test
 * @param references CAP references ({@code sender,identifier,sent}) of the messages it replaces
 * @param info what the alert now says
 * @param audience where it now applies
 */
public record AlertUpdated(
        String alertId,
        String identifier,
        String sender,
        Instant sent,
        AlertStatus status,
        List<String> references,
        AlertInfo info,
        Audience audience)
        implements AlertEvent {

    public AlertUpdated {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(audience, "audience");
        references = List.copyOf(references);
    }
}
