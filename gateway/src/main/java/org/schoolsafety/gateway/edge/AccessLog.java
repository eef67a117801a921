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
class AccessLog implements WebFilter, Ordered, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final String CLIENT = AccessLog.class.getName() + ".client";
    /** The MDC keys of Spring Boot's log pattern (its correlation id), as Micrometer Tracing fills them. */
    private static final String TRACE_ID = "traceId";

    private static final String SPAN_ID = "spanId";
    /** About 80 s of lines at 100 requests a second before a stalled output holds up an event loop. */
    private static final int WAITING_LINES = 8192;

    private final AccessLines lines;

    AccessLog() {
        this.lines = new AccessLines(WAITING_LINES, AccessLog::write);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            // the line's parts now; the line itself on the writer thread (AccessLines: a stalled output must not
            // stall the event loops)
            Span span = TraceToService.requestSpan(exchange);
            lines.add(new AccessLines.Line(
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(),
                    outcome(signal, exchange.getResponse().getStatusCode()),
                    (System.nanoTime() - start) / 1_000_000,
                    exchange.getAttributeOrDefault(CLIENT, "-"),
                    span == null ? null : span.context().traceId(),
                    span == null ? null : span.context().spanId()));
        });
    }

    /**
     * Writes one line, on the writer thread. The request's trace goes into the line's MDC for this one call: the
     * gateway does not restore thread locals around every operator (spring.reactor.context-propagation=limited),
     * which cost more than the routing itself. Only the two ids the log pattern prints, straight from the request's
     * span, rather than the whole trace context restored for each line.
     */
    private static void write(AccessLines.Line line) {
        if (line.traceId() != null) {
            MDC.put(TRACE_ID, line.traceId());
            MDC.put(SPAN_ID, line.spanId());
        }
        try {
            log.info(
                    "{} {} {} {}ms client={}",
                    line.method(),
                    line.path(),
                    line.outcome(),
                    line.millis(),
                    line.client());
        } finally {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }

    /** Writes the lines still waiting; the server has stopped taking requests by then. */
    @Override
    public void close() {
        lines.close();
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
