package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
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
 * @param reservedForUrgent of those connections, how many bulk email (bulletins, advisories) never takes, so that an
 *     urgent alert never waits for a connection behind a bulletin; less than {@code connections}. Urgent email may
 *     use every connection
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
        @PositiveOrZero @DefaultValue("1") int reservedForUrgent,
        @DefaultValue("10s") Duration acquireTimeout,
        @DefaultValue("30s") Duration maxIdle)
        implements ChannelListeners {

    public EmailSettings {
        if (connections < 1) {
            throw new IllegalArgumentException("ssn.delivery.email.connections must be at least 1");
        }
        if (reservedForUrgent < 0 || reservedForUrgent >= connections) {
            throw new IllegalArgumentException("ssn.delivery.email.reserved-for-urgent (" + reservedForUrgent
                    + ") must be at least 0 and less than ssn.delivery.email.connections (" + connections
                    + "): bulk email needs a connection too");
        }
        SettingChecks.positive("ssn.delivery.email.acquire-timeout", acquireTimeout);
        SettingChecks.positive("ssn.delivery.email.max-idle", maxIdle);
    }

    /** The connections bulk email may hold at once. */
    public int bulkConnections() {
        return connections - reservedForUrgent;
    }
}
