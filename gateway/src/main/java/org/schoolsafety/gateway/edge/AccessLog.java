package org.schoolsafety.gateway.edge;

import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
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
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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

    /**
     * Where the lines are written: Reactor's single-thread scheduler, so that an output that blocks (a busy disk,
     * an appender's lock) does not stall the event loops; lines are written in the order they were handed over.
     */
    private final Scheduler writer = Schedulers.newSingle("access-log", true);

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
            // the line's parts now; the line itself on the writer (a stalled output must not stall the event loops)
            Span span = TraceToService.requestSpan(exchange);
            Line line = new Line(
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(),
                    outcome(signal, exchange.getResponse().getStatusCode()),
                    (System.nanoTime() - start) / 1_000_000,
                    exchange.getAttributeOrDefault(CLIENT, "-"),
                    span == null ? null : span.context().traceId(),
                    span == null ? null : span.context().spanId());
            try {
                writer.schedule(() -> write(line));
            } catch (RejectedExecutionException e) {
                // closed: written here rather than never
                write(line);
            }
        });
    }

    /** One request's line; {@code traceId} and {@code spanId} are null when the request had no span. */
    private record Line(
            String method, String path, String outcome, long millis, String client, String traceId, String spanId) {}

    /**
     * Writes one line, on the writer. The request's trace goes into the line's MDC for this one call: the
     * gateway does not restore thread locals around every operator (spring.reactor.context-propagation=limited),
     * which cost more than the routing itself. Only the two ids the log pattern prints, straight from the request's
     * span, rather than the whole trace context restored for each line.
     */
    private static void write(Line line) {
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

    /** Writes the lines still waiting (for at most 5 s); the server has stopped taking requests by then. */
    @Override
    public void close() {
        writer.disposeGracefully()
                .timeout(Duration.ofSeconds(5))
                .onErrorResume(e -> Mono.fromRunnable(writer::dispose))
                .block();
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
