package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one webhook endpoint's trouble is kept its own, under {@code ssn.delivery.isolation}.
 *
 * @param maxInFlight calls to one endpoint at once in this instance; more are refused and retried later
 * @param detachAfter how long the listener waits for a call before the request goes on to the retry topics and the
 *     partition moves on (the call goes on)
 * @param failuresToOpen failures in a row (no answer, 5xx, 408, 429) that open the endpoint's circuit
 * @param openFor how long an open circuit refuses calls before one call probes
 * @param maxRetryAfter the longest {@code Retry-After} a receiver is granted
 * @param disableAfter an endpoint whose calls have all failed this long is reported, to be disabled
 */
public record Isolation(
        @Positive @DefaultValue("4") int maxInFlight,
        @DefaultValue("250ms") Duration detachAfter,
        @Positive @DefaultValue("5") int failuresToOpen,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("10m") Duration maxRetryAfter,
        @DefaultValue("24h") Duration disableAfter) {

    public Isolation {
        SettingChecks.positive("ssn.delivery.isolation.detach-after", detachAfter);
        SettingChecks.positive("ssn.delivery.isolation.open-for", openFor);
        SettingChecks.positive("ssn.delivery.isolation.max-retry-after", maxRetryAfter);
        SettingChecks.positive("ssn.delivery.isolation.disable-after", disableAfter);
    }
}
