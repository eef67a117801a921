package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook deliveries, under {@code ssn.delivery.webhooks}. Which hosts may resolve to private addresses is the
 * platform's {@code ssn.webhooks.allowed-hosts} ({@code WebhookTargets}), shared with subscription-service.
 *
 * @param enabled {@code false} leaves webhook requests on the lanes (a benchmark of audience expansion runs without
 *     deliveries competing for the CPU)
 * @param urgentConsumers consumers of {@code delivery-requests-urgent}
 * @param bulkConsumers consumers of {@code delivery-requests-bulk}
 * @param underWayPerLane requests per lane whose call has no answer yet; as many as the client's connections to one
 *     host, since each waits for a receiver far more than it uses the CPU
 * @param connectTimeout how long to wait for a TCP and TLS connection
 * @param totalTimeout how long a call may take in all, connecting included; then it is abandoned
 * @param maxPerHost open connections to one host and port at most (many districts' endpoints may share a vendor's
 *     host; one endpoint's own cap is {@code ssn.delivery.isolation.max-in-flight})
 * @param connectionWait how long a call waits for a free connection to its host before it fails, to be retried
 * @param maxResponseBytes how much of a response body is read (the rest is discarded unread)
 */
public record WebhookSettings(
        @DefaultValue("true") boolean enabled,
        @Positive @DefaultValue("4") int urgentConsumers,
        @Positive @DefaultValue("2") int bulkConsumers,
        @Positive @DefaultValue("64") int underWayPerLane,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration totalTimeout,
        @Positive @DefaultValue("64") int maxPerHost,
        @DefaultValue("2s") Duration connectionWait,
        @PositiveOrZero @DefaultValue("65536") int maxResponseBytes)
        implements ChannelListeners {

    public WebhookSettings {
        SettingChecks.positive("ssn.delivery.webhooks.connect-timeout", connectTimeout);
        SettingChecks.positive("ssn.delivery.webhooks.total-timeout", totalTimeout);
        SettingChecks.positive("ssn.delivery.webhooks.connection-wait", connectionWait);
    }
}
