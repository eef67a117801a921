package org.schoolsafety.delivery.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending email, under {@code ssn.email}. The relay itself (host, port, credentials, TLS, Jakarta Mail session
 * properties) is Spring's {@code spring.mail.*}; without {@code spring.mail.host} email is not sent at all.
 *
 * @param from the {@code From} of every message, a display name and an address; its domain also names our
 *     {@code Message-ID}s
 * @param connections SMTP connections kept open to the relay at most; that many messages can be under way at once
 * @param acquireTimeout how long an attempt waits for one of those connections before it is retried later
 * @param maxIdle a connection idle longer than this is closed rather than reused (relays drop idle clients, and a
 *     dead connection found at send time costs a reconnect)
 */
@ConfigurationProperties("ssn.email")
public record EmailProperties(
        @DefaultValue("Missouri School Safety Alerts <alerts@schoolsafety.example>")
        String from,

        @DefaultValue("4") int connections,
        @DefaultValue("10s") Duration acquireTimeout,
        @DefaultValue("30s") Duration maxIdle) {

    public EmailProperties {
        if (connections < 1) {
            throw new IllegalArgumentException("ssn.email.connections must be at least 1");
        }
    }
}
