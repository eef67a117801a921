package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email deliveries, under {@code ssn.delivery.email}. The relay itself (host, port, credentials, TLS, Jakarta Mail
 * session properties) is Spring's {@code spring.mail.*}; without {@code spring.mail.host} email is not sent at all.
 *
 * @param enabled {@code false} leaves email requests on the lanes
 * @param urgentConsumers consumers of {@code delivery-requests-urgent}
 * @param bulkConsumers consumers of {@code delivery-requests-bulk}
 * @param from the {@code From} of every message, a display name and an address; its domain also names our
 *     {@code Message-ID}s
 * @param connections SMTP connections kept open to the relay at most; that many messages can be under way at once
 * @param acquireTimeout how long an attempt waits for one of those connections before it is retried later
 * @param maxIdle a connection idle longer than this is closed rather than reused (relays drop idle clients, and a
 *     dead connection found at send time costs a reconnect)
 */
public record EmailSettings(
        @DefaultValue("true") boolean enabled,
        @Positive @DefaultValue("2") int urgentConsumers,
        @Positive @DefaultValue("2") int bulkConsumers,

        @NotBlank @DefaultValue("Missouri School Safety Alerts <alerts@schoolsafety.example>")
        String from,

        @Positive @DefaultValue("4") int connections,
        @DefaultValue("10s") Duration acquireTimeout,
        @DefaultValue("30s") Duration maxIdle)
        implements ChannelListeners {

    public EmailSettings {
        if (connections < 1) {
            throw new IllegalArgumentException("ssn.delivery.email.connections must be at least 1");
        }
        SettingChecks.positive("ssn.delivery.email.acquire-timeout", acquireTimeout);
        SettingChecks.positive("ssn.delivery.email.max-idle", maxIdle);
    }
}
