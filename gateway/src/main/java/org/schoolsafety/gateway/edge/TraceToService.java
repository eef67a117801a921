package org.schoolsafety.gateway.edge;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the request's trace to the service: the headers of the proxied request get the W3C trace context of
 * the gateway's own span for the request, so the service's span is its child, and a caller's trace (its
 * {@code traceparent}) runs on through the gateway to the service. Whatever trace headers the caller sent are
 * replaced, never passed on beside the gateway's.
 *
 * <p>This stands in for the gateway's observation of each proxied call
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled=false}): that added a second span, and two
 * header filters around it, to every request, for a span that only repeated the request's own one level down. The
 * trace still goes gateway span → service span, and {@code http.server.requests} still times every request.
 */
final class TraceToService implements HttpHeadersFilter {

    private final Propagator propagator;

    TraceToService(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = requestSpan(exchange);
        if (span == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        propagator.fields().forEach(headers::remove);
        propagator.inject(span.context(), headers, HttpHeaders::set);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** The gateway's span for this request (its server observation's), or {@code null} when it is not traced. */
    static Span requestSpan(ServerWebExchange exchange) {
        ServerRequestObservationContext observation = ServerRequestObservationContext.findCurrent(
                        exchange.getAttributes())
                .orElse(null);
        if (observation == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                observation.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }
}
