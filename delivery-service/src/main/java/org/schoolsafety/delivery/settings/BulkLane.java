package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bulk lane's retries ({@link LanePolicy}), under {@code ssn.delivery.bulk}: bulletins and advisories can wait,
 * so a receiver in trouble gets time to recover (30 s, doubling up to 10 min).
 *
 * @param attempts attempts in all, the first included (the retry topics {@code -retry-0} to
 *     {@code -retry-(attempts-2)} follow from it)
 * @param firstRetry the delay before the first retry; a bare number is milliseconds
 * @param maxRetry the longest delay between two attempts
 * @param jitter each delay is moved by up to this much either way; 0 for none
 */
public record BulkLane(
        @Positive @DefaultValue("6") int attempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("5s") Duration jitter)
        implements LanePolicy {

    public BulkLane {
        LanePolicy.check("ssn.delivery.bulk", firstRetry, maxRetry, jitter);
    }
}
