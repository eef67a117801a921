package org.schoolsafety.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's settings, under {@code ssn.gateway}; a wrong value stops the gateway at start, naming the property.
 *
 * @param maxRequestSize the largest request body the gateway forwards; larger ones get 413
 * @param consoleOrigins browser origins allowed to call the API (CORS), e.g. the console's
 * @param rateLimit per-client rate limits, under {@code ssn.gateway.rate-limit}
 * @param services where each service the gateway routes to runs, under {@code ssn.gateway.services}
 */
@Validated
@ConfigurationProperties("ssn.gateway")
public record GatewaySettings(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("http://localhost:5173") List<String> consoleOrigins,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid Services services) {

    public GatewaySettings {
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "ssn.gateway.max-request-size must be more than 0 bytes, not " + maxRequestSize);
        }
    }

    /**
     * Per-client rate limits, counted in Redis across gateway instances.
     *
     * @param requestsPerSecond requests one client (token subject, or address without a token) may make per
     *     second, across all gateway instances; more get 429 with {@code Retry-After}
     * @param redisTimeout how long a count may take in Redis before this instance counts alone
     * @param redisRetry after Redis failed, how long this instance counts alone before it tries Redis again
     * @param shareEvery how long this instance collects a client's requests before it adds them to the client's
     *     count in Redis in one call: the other instances see them up to that much later. At most half the
     *     one-second window, so that a window's requests reach Redis while the window lasts
     */
    public record RateLimit(
            @DefaultValue("50") @Positive int requestsPerSecond,
            @DefaultValue("250ms") Duration redisTimeout,
            @DefaultValue("5s") Duration redisRetry,
            @DefaultValue("50ms") Duration shareEvery) {

        public RateLimit {
            SettingChecks.positive("ssn.gateway.rate-limit.redis-timeout", redisTimeout);
            SettingChecks.positive("ssn.gateway.rate-limit.redis-retry", redisRetry);
            if (shareEvery.isNegative() || shareEvery.compareTo(Duration.ofMillis(500)) > 0) {
                throw new IllegalArgumentException(
                        "ssn.gateway.rate-limit.share-every must be between 0 and 500ms, not " + shareEvery);
            }
        }
    }

    /**
     * The services' base URLs ({@code http} or {@code https}, with a host), each the target of its routes.
     *
     * @param alert base URL of alert-service (alerts, acknowledgements, the alert feed and public alert pages)
     * @param subscription base URL of subscription-service (organisations, endpoints, subscriptions, contacts)
     * @param bulletin base URL of bulletin-service (bulletins and their feed)
     * @param cyberThreat base URL of cyber-threat-service (advisories, TAXII)
     * @param delivery base URL of delivery-service (deliveries, the SMS provider's callbacks)
     */
    public record Services(
            @DefaultValue("http://127.0.0.1:8081") URI alert,
            @DefaultValue("http://127.0.0.1:8082") URI subscription,
            @DefaultValue("http://127.0.0.1:8083") URI bulletin,
            @DefaultValue("http://127.0.0.1:8084") URI cyberThreat,
            @DefaultValue("http://127.0.0.1:8085") URI delivery) {

        public Services {
            serviceUrl("ssn.gateway.services.alert", alert);
            serviceUrl("ssn.gateway.services.subscription", subscription);
            serviceUrl("ssn.gateway.services.bulletin", bulletin);
            serviceUrl("ssn.gateway.services.cyber-threat", cyberThreat);
            serviceUrl("ssn.gateway.services.delivery", delivery);
        }

        private static void serviceUrl(String property, URI url) {
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            if (!http || url.getHost() == null) {
                throw new IllegalArgumentException(property + " must be an http or https URL with a host, not " + url);
            }
        }
    }
}
