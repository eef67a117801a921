package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The urgent lane's retries ({@link LanePolicy}), under {@code ssn.delivery.urgent}: an alert is worth a quick
 * second try, so retries come after 1, 2, 4, 8 and 16 s.
 *
 * @param attempts attempts in all, the first included (the retry topics {@code -retry-0} to
 *     {@code -retry-(attempts-2)} follow from it)
 * @param firstRetry the delay before the first retry; a bare number is milliseconds
 * @param maxRetry the longest delay between two attempts
 * @param jitter each delay is moved by up to this much either way; 0 for none
 */
public record UrgentLane(
        @Positive @DefaultValue("6") int attempts,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("30s") Duration maxRetry,
        @DefaultValue("250ms") Duration jitter)
        implements LanePolicy {

    public UrgentLane {
        LanePolicy.check("ssn.delivery.urgent", firstRetry, maxRetry, jitter);
    }
}
