package org.schoolsafety.gateway.edge;

import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One line per request: method, path, status (or {@code cancelled} when the client gave up first),
 * milliseconds, client. Never the query string (unsubscribe and verification links can carry an address),
 * never a header, never a body: the trace id in the log pattern leads to the rest. The client is the token's
 * subject (a client or user id, not an email address).
 */
class AccessLog implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final String CLIENT = AccessLog.class.getName() + ".client";
    /** The MDC keys of Spring Boot's log pattern (its correlation id), as Micrometer Tracing fills them. */
    private static final String TRACE_ID = "traceId";

    private static final String SPAN_ID = "spanId";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            // the request's trace into the log line's MDC for this one call: the gateway does not restore thread
            // locals around every operator (spring.reactor.context-propagation=limited), which cost more than the
            // routing itself. Only the two ids the log pattern prints, straight from the request's span: restoring
            // the whole trace context for the line was 4% of the gateway's CPU samples
            Span span = TraceToService.requestSpan(exchange);
            if (span != null) {
                MDC.put(TRACE_ID, span.context().traceId());
                MDC.put(SPAN_ID, span.context().spanId());
            }
            try {
                log.info(
                        "{} {} {} {}ms client={}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(),
                        outcome(signal, exchange.getResponse().getStatusCode()),
                        (System.nanoTime() - start) / 1_000_000,
                        exchange.getAttributeOrDefault(CLIENT, "-"));
            } finally {
                if (span != null) {
                    MDC.remove(TRACE_ID);
                    MDC.remove(SPAN_ID);
                }
            }
        });
    }

    /**
     * The status sent, or {@code cancelled}: a client that gave up (timeout, closed connection) got no status, and
     * the response's own is only its default, 200, which would claim an answer nobody received.
     */
    private static String outcome(SignalType signal, HttpStatusCode status) {
        if (signal == SignalType.CANCEL) {
            return "cancelled";
        }
        return status == null ? "-" : Integer.toString(status.value());
    }

    /**
     * Runs after authentication and notes the caller for the access line: the principal lives on the
     * exchange Spring Security passes down, while attributes are shared with the one this log sees.
     */
    static final class Client implements WebFilter, Ordered {

        @Override
        public int getOrder() {
            return 1;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return exchange.getPrincipal()
                    .doOnNext(principal -> exchange.getAttributes()
                            .put(CLIENT, principal instanceof Authentication auth ? auth.getName() : "-"))
                    .then(chain.filter(exchange));
        }
    }
}
