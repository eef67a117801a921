package org.schoolsafety.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.schoolsafety.gateway.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each client to {@link GatewaySettings.RateLimit#requestsPerSecond()} API requests per second, counted in
 * Redis across gateway instances. Runs after authentication, so a client is its token's subject (clients
 * without a token are told 401 before they are counted, except on public paths, counted by address).
 *
 * <p>A request does not wait for Redis. It is decided at once on what this instance knows ({@link WindowTallies}):
 * the latest total Redis returned for the client's window plus this instance's requests not yet in it. With one
 * instance that is exactly the count Redis has; with several, the others' requests are seen late, so a client
 * flooding every instance at once can get that many extra requests through. Waiting for Redis on every request had
 * put its round trip, and a switch to Redis's client thread and back, into the latency of every call through the
 * gateway.
 *
 * <p>The requests are sent to Redis in batches: a client's first request not yet sent starts a batch, and
 * {@link GatewaySettings.RateLimit#shareEvery()} later every request of the client counted here since then goes in
 * one atomic increment, so a busy client costs one Redis call per batch rather than per request; the others'
 * requests are seen up to that much later. A client that sends one request now and then is still sent once per
 * request.
 *
 * <p>Redis down: the limit is not dropped (a flood would pass) and requests are not refused (a state
 * broadcaster would be locked out in an emergency); each instance enforces the same limit on its own until
 * Redis answers again. {@code ssn_gateway_rate_limit_local_total} counts the requests counted that way: those
 * Redis did not answer for, and those not sent to it while it is known to be away.
 */
class ClientRateLimiter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimiter.class);

    private final WindowCounter shared;
    private final WindowTallies tallies = new WindowTallies();
    private final GatewaySettings.RateLimit properties;
    private final Clock clock;
    private final Counter localDecisions;
    private final Counter refusals;
    private final AtomicLong sharedRetryAt = new AtomicLong();

    ClientRateLimiter(WindowCounter shared, GatewaySettings.RateLimit properties, Clock clock, MeterRegistry meters) {
        this.shared = shared;
        this.properties = properties;
        this.clock = clock;
        this.localDecisions = meters.counter("ssn.gateway.rate_limit.local");
        this.refusals = meters.counter("ssn.gateway.rate_limit.refused");
    }

    /** After Spring Security's filter chain (order -100), so the principal is known. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") && !path.startsWith("/taxii2/")) {
            return chain.filter(exchange);
        }
        long now = clock.millis();
        long window = now / 1000;
        return exchange.getPrincipal()
                .map(principal -> principal instanceof Authentication auth ? auth.getName() : principal.getName())
                .defaultIfEmpty("addr:" + address(exchange))
                .flatMap(client -> {
                    WindowTallies.Count count = tallies.count(client, window);
                    if (count.startsBatch()) {
                        shareLater(client, window);
                    }
                    return count.estimate() <= properties.requestsPerSecond()
                            ? chain.filter(exchange)
                            : refuse(exchange, 1000 - (now % 1000));
                });
    }

    /**
     * Sends the client's requests counted here since this one to Redis, {@link GatewaySettings.RateLimit#shareEvery()}
     * from now, in the background; the answer updates what this instance knows.
     */
    private void shareLater(String client, long window) {
        Mono.delay(properties.shareEvery())
                .flatMap(tick -> {
                    long batch = tallies.takeUnsent(client, window);
                    if (batch == 0) {
                        return Mono.empty();
                    }
                    if (clock.millis() < sharedRetryAt.get()) {
                        localDecisions.increment(batch);
                        return Mono.empty();
                    }
                    return shared.add(client, window, batch)
                            // named: timeout() describes its source by name for its error message, and without one
                            // it walks the whole operator chain each time
                            .name("ssn.gateway.rate-limit.share")
                            .timeout(properties.redisTimeout())
                            .doOnNext(total -> tallies.answered(client, window, total, batch))
                            .onErrorResume(error -> {
                                localDecisions.increment(batch);
                                redisFailed(error);
                                return Mono.empty();
                            });
                })
                .subscribe();
    }

    private void redisFailed(Throwable error) {
        long failedAt = clock.millis();
        long previous = sharedRetryAt.get();
        // one warning per outage, not one per batch that was on its way when Redis went
        if (failedAt >= previous
                && sharedRetryAt.compareAndSet(
                        previous, failedAt + properties.redisRetry().toMillis())) {
            log.warn(
                    "rate limits counted per instance for {}: Redis did not answer ({})",
                    properties.redisRetry(),
                    error.toString());
        }
    }

    /** The gateway's problem responder writes the 429 body; this only adds when to come back. */
    private Mono<Void> refuse(ServerWebExchange exchange, long millisToNextWindow) {
        refusals.increment();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Retry-After", Long.toString(Math.max(1, (millisToNextWindow + 999) / 1000)));
        // and the refused client reconnects: Reactor Netty 1.3.6 now and then left the next request on a
        // kept-alive connection unread after a 429, as after actuator answers (edge/CloseAfterProbe)
        headers.set(HttpHeaders.CONNECTION, "close");
        return Mono.error(new ResponseStatusException(
                HttpStatus.TOO_MANY_REQUESTS,
                "More than " + properties.requestsPerSecond()
                        + " requests per second from this client; retry after the Retry-After header."));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
