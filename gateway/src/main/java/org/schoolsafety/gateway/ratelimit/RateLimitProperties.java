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
 */
@ConfigurationProperties("ssn.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") int requestsPerSecond,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetry) {}
