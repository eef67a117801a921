package org.schoolsafety.platform.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token validation, under {@code ssn.security}.
 *
 * @param issuer the {@code iss} every token must carry (the OIDC issuer URL)
 * @param jwkSetUri where the issuer publishes its signing keys
 * @param audience the {@code aud} every token must include
 * @param clockSkew how far token times may be off
 * @param contentSecurityPolicy the {@code Content-Security-Policy} on every response: none at all for APIs; the
 *     gateway, which serves the API browser, allows its own scripts and styles
 * @param verifiedTokenTtl how long a token whose signature was verified is taken without verifying it again
 *     (it is still checked for expiry, issuer and audience on every request); zero verifies every time
 * @param verifiedTokenCapacity how many verified tokens are remembered at most
 */
@ConfigurationProperties("ssn.security")
public record SecurityProperties(
        String issuer,
        URI jwkSetUri,
        @DefaultValue("ssn-api") String audience,
        @DefaultValue("30s") Duration clockSkew,

        @DefaultValue("default-src 'none'; frame-ancestors 'none'")
        String contentSecurityPolicy,

        @DefaultValue("60s") Duration verifiedTokenTtl,
        @DefaultValue("1024") int verifiedTokenCapacity) {

    public SecurityProperties {
        if (issuer == null || issuer.isBlank() || jwkSetUri == null) {
            throw new IllegalArgumentException(
                    "set ssn.security.issuer and ssn.security.jwk-set-uri: every request is authenticated");
        }
    }
}
