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

    /** The base URL with {@code path} appended ({@code path} starts with a slash). */
    public String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
