package org.schoolsafety.platform.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where webhooks may point, under {@code ssn.webhooks}: one setting read by subscription-service (when a
 * webhook is added) and delivery-service (when it is called), so that the two can never disagree.
 *
 * @param allowedHosts host names a webhook may use even though they resolve to a loopback or private address,
 *     and over plain {@code http} (the local stack's sink and tests on {@code 127.0.0.1}); empty in production
 */
@ConfigurationProperties("ssn.webhooks")
public record WebhookTargets(@DefaultValue Set<String> allowedHosts) {

    public WebhookTargets {
        allowedHosts = allowedHosts.stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this host is exempt from the public-address rule ({@link PublicAddresses}). */
    public boolean allowed(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
