package org.schoolsafety.delivery.settings;

import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;

/**
 * How a lane retries a failed attempt through its retry topics: the n-th retry waits {@code firstRetry} times
 * 2^(n-1), at most {@code maxRetry}, each delay moved by up to {@code jitter} either way so that the retries of
 * one outage do not all come back at once.
 */
public sealed interface LanePolicy permits UrgentLane, BulkLane {

    /** Attempts in all, the first included; after the last, the request goes to the lane's dead-letter topic. */
    int attempts();

    Duration firstRetry();

    Duration maxRetry();

    Duration jitter();

    /** Checks a lane's delays as they are bound (a compact constructor's parameters). */
    static void check(String prefix, Duration firstRetry, Duration maxRetry, Duration jitter) {
        SettingChecks.positive(prefix + ".first-retry", firstRetry);
        SettingChecks.positive(prefix + ".max-retry", maxRetry);
        SettingChecks.notNegative(prefix + ".jitter", jitter);
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(prefix + ".max-retry (" + maxRetry + ") must not be shorter than "
                    + prefix + ".first-retry (" + firstRetry + ")");
        }
    }
}
