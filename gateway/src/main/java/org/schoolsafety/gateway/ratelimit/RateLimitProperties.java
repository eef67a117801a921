package org.schoolsafety.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, under {@code ssn.gateway.rate-limit}.
 *
 * @param requestsPerSecond requests one client (token subject, or address without a token) may make per
 *     second, across all gateway instances; more get 429 with {@code Retry-After}
 * @param redisTimeout how long a count may take in Redis before this instance counts alone
 * @param redisRetry after Redis failed, how long this instance counts alone before it tries Redis again
 * @param shareEvery how long this instance collects a client's requests before it adds them to the client's count
 *     in Redis in one call: the other instances see them up to that much later. At most half the one-second
 *     window, so that a window's requests reach Redis while the window lasts
 */
@ConfigurationProperties("ssn.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") int requestsPerSecond,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetry,
        @DefaultValue("50ms") Duration shareEvery) {

    public RateLimitProperties {
        if (shareEvery.isNegative() || shareEvery.compareTo(Duration.ofMillis(500)) > 0) {
            throw new IllegalArgumentException(
                    "ssn.gateway.rate-limit.share-every must be between 0 and 500ms, not " + shareEvery);
        }
    }
}
