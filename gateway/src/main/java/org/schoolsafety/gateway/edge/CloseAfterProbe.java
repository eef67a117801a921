package org.schoolsafety.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers from the actuator ({@code /actuator/**}: health, metrics) close their connection ({@code Connection:
 * close}). Health answers complete off the event loop, and after them Reactor Netty 1.3.6 now and then left the next
 * request on the same kept-alive connection unread until the client gave up; it looks like
 * reactor/reactor-netty#4361, fixed upstream after that version. Probes and scrapers lose little by opening a
 * connection per request; the API's connections stay open.
 */
final class CloseAfterProbe implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return chain.filter(exchange);
    }
}
