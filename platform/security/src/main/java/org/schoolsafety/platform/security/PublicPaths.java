package org.schoolsafety.platform.security;

/**
 * Paths anyone may call without a token: probes and metrics (no personal data; in production only the
 * cluster reaches the management port), and links whose own signed token is the authorisation
 * (unsubscribe, acknowledgement, verification), the public alert and bulletin feeds, and the OpenAPI
 * documents with the gateway's API browser.
 */
final class PublicPaths {

    static final String[] PATTERNS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/public/**",
        "/feeds/**",
        // the API description is public (the code is open source); calling the API still takes a token
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/swagger-ui/**",
        "/error"
    };

    private PublicPaths() {}
}
