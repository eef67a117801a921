package org.schoolsafety.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** The bodies of 401 and 403: RFC 9457 problem details that say what to do, never why a check failed inside. */
final class Problems {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code WWW-Authenticate} for a missing or refused bearer token (RFC 6750). */
    static final String BEARER_CHALLENGE = "Bearer realm=\"ssn\", error=\"invalid_token\"";

    private Problems() {}

    static byte[] unauthorized(String path) {
        return body(HttpStatus.UNAUTHORIZED, "Send a valid bearer token from the platform's issuer.", path);
    }

    static byte[] forbidden(String path) {
        return body(HttpStatus.FORBIDDEN, "Your role or organisation does not allow this request.", path);
    }

    private static byte[] body(HttpStatus status, String detail, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", path);
        return JSON.writeValueAsBytes(problem);
    }
}
