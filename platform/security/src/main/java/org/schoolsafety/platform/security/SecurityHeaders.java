package org.schoolsafety.platform.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's security headers on every response, written in one step: the same headers, values and rules as
 * Spring Security's default reactive writers with this platform's Content-Security-Policy and
 * {@code Referrer-Policy: no-referrer}.
 *
 * <p>Why hand-written: Spring Security writes them with a dozen writers chained reactively for every response, each
 * building a case-insensitive set of its own constant header names per call (its cost: docs/performance.md).
 *
 * <p>As there, a group is written only when the response has none of its headers yet (a service that sets its
 * own {@code Cache-Control} keeps all of its caching headers), the caching headers are left off a 304, and
 * {@code Strict-Transport-Security} is sent only over HTTPS.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    /** One group: written only when the response carries none of its names. */
    private record Group(List<String> names, List<String> values) {

        static Group of(String name, String value) {
            return new Group(List.of(name), List.of(value));
        }

        void writeIfAbsent(HttpHeaders headers) {
            for (String name : names) {
                if (headers.containsHeader(name)) {
                    return;
                }
            }
            for (int i = 0; i < names.size(); i++) {
                headers.set(names.get(i), values.get(i));
            }
        }
    }

    private static final Group CACHING = new Group(
            List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES),
            List.of("no-cache, no-store, max-age=0, must-revalidate", "no-cache", "0"));

    private static final Group STRICT_TRANSPORT =
            Group.of("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");

    /** Whatever the exchange: type sniffing, framing, the legacy XSS filter, then the two set by settings. */
    private final List<Group> always;

    SecurityHeaders(String contentSecurityPolicy) {
        this.always = List.of(
                Group.of("X-Content-Type-Options", "nosniff"),
                Group.of("X-Frame-Options", "DENY"),
                Group.of("X-XSS-Protection", "0"),
                Group.of("Content-Security-Policy", contentSecurityPolicy),
                Group.of("Referrer-Policy", "no-referrer"));
    }

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null || status.value() != HttpStatus.NOT_MODIFIED.value()) {
            CACHING.writeIfAbsent(headers);
        }
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            STRICT_TRANSPORT.writeIfAbsent(headers);
        }
        for (Group group : always) {
            group.writeIfAbsent(headers);
        }
        return Mono.empty();
    }
}
