package org.schoolsafety.delivery.webhook;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Calling district webhooks, under {@code ssn.webhooks}.
 *
 * @param allowedHosts hosts that may resolve to non-public addresses (the local stack's sink on 127.0.0.1);
 *     empty in production
 * @param connectTimeout how long to wait for a TCP and TLS connection
 * @param totalTimeout how long a call may take in all, connecting included; then it is abandoned
 * @param maxPerHost open connections to one host and port at most (many districts' endpoints may share a
 *     vendor's host; one endpoint's own cap is {@code ssn.delivery.isolation.max-in-flight}); a call that finds
 *     none free within {@code connectionWait} fails, to be retried
 * @param maxResponseBytes how much of a response body is read (the rest is discarded unread)
 */
@ConfigurationProperties("ssn.webhooks")
public record WebhookProperties(
        @DefaultValue Set<String> allowedHosts,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration totalTimeout,
        @DefaultValue("64") int maxPerHost,
        @DefaultValue("2s") Duration connectionWait,
        @DefaultValue("65536") int maxResponseBytes) {}
