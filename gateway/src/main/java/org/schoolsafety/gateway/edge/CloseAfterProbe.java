package org.schoolsafety.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers from the actuator ({@code /actuator/**}: health, metrics) close their connection ({@code Connection:
 * close}). Those answers complete off the event loop, and Reactor Netty 1.3.6 then and again left the next request on
 * the same kept-alive connection unread until the client gave up: against the local stack's gateway, 8 of 3,000
 * rounds of liveness, readiness and health from one JDK client each. It looks like reactor/reactor-netty#4361,
 * fixed upstream after that version. Probes and scrapers lose nothing by opening a connection per request; the API's
 * connections stay open.
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
