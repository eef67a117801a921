package org.schoolsafety.platform.security;

/**
 * Paths anyone may call without a token: probes and metrics (no personal data; in production only the
 * cluster reaches the management port), and links whose own signed token is the authorisation
 * (unsubscribe, acknowledgement, verification) and the public alert and bulletin feeds.
 */
final class PublicPaths {

    static final String[] PATTERNS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/public/**",
        "/feeds/**",
        "/error"
    };

    private PublicPaths() {}
}
