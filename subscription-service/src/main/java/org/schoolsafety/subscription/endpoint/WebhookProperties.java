package org.schoolsafety.subscription.endpoint;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings, under {@code ssn.webhooks}.
 *
 * @param allowedHosts hosts a webhook may name even though they resolve to a loopback or private address
 *     (the local stack and tests use {@code 127.0.0.1}); empty in production
 */
@ConfigurationProperties("ssn.webhooks")
public record WebhookProperties(@DefaultValue Set<String> allowedHosts) {}
