package org.schoolsafety.platform.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Links sent to people, under {@code ssn.links}.
 *
 * @param baseUrl where recipients reach the platform (the gateway's public address); links are this plus a path
 * @param signingKey the key that signs link tokens, at least 32 characters, the same on every instance of every
 *     service that makes or checks links; without one, each process makes its own and its links die with it
 */
@ConfigurationProperties("ssn.links")
public record LinkProperties(
        @DefaultValue("http://localhost:8080") URI baseUrl, String signingKey) {

    public LinkProperties {
        if (baseUrl == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "ssn.links.base-url must be an absolute http or https URL with a host, not " + baseUrl);
        }
        if (signingKey != null && !signingKey.isBlank() && signingKey.length() < 32) {
            throw new IllegalArgumentException(
                    "ssn.links.signing-key must be at least 32 characters, not " + signingKey.length());
        }
    }

    /** The base URL with {@code path} appended ({@code path} starts with a slash). */
    public String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
