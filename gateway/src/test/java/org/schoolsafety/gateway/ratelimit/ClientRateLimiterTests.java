package org.schoolsafety.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.schoolsafety.gateway.GatewaySettings;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Decisions at once, counts to Redis in batches: against a shared counter standing in for Redis (the gateway's
 * integration test runs against real Redis).
 */
class ClientRateLimiterTests {

    private static final int LIMIT = 3;
    /** Every request of a test falls in the same one-second window. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_764_500_000L), ZoneOffset.UTC);

    private static final long WINDOW = CLOCK.millis() / 1000;

    /** One call to the shared counter. */
    private record Added(String client, long window, long requests) {}

    private final List<Added> added = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private ClientRateLimiter limiter(Duration shareEvery, boolean redisAnswers) {
        WindowCounter redis = (client, window, requests) -> {
            added.add(new Added(client, window, requests));
            return redisAnswers
                    ? Mono.just(added.stream().mapToLong(Added::requests).sum())
                    : Mono.error(new IllegalStateException("Redis is gone"));
        };
        return new ClientRateLimiter(
                redis,
                new GatewaySettings.RateLimit(LIMIT, Duration.ofMillis(250), Duration.ofSeconds(5), shareEvery),
                CLOCK,
                meters);
    }

    @Test
    void aBurstIsDecidedAtOnceAndSentToRedisInOneCall() {
        // the longest share-every allowed, and the code already run once (another client), so that five calls
        // surely fit in it on a busy machine
        ClientRateLimiter limiter = limiter(Duration.ofMillis(500), true);
        AtomicInteger served = new AtomicInteger();
        call(limiter, "warm-up", served);
        await().atMost(Duration.ofSeconds(5)).until(() -> added.size() == 1);
        added.clear();
        served.set(0);

        List<HttpStatus> statuses = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> call(limiter, "district-93", served))
                .toList();

        assertThat(statuses)
                .containsExactly(
                        HttpStatus.OK,
                        HttpStatus.OK,
                        HttpStatus.OK,
                        HttpStatus.TOO_MANY_REQUESTS,
                        HttpStatus.TOO_MANY_REQUESTS);
        assertThat(served).hasValue(LIMIT);
        assertThat(added).as("nothing sent before share-every has passed").isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(added).containsExactly(new Added("district-93", WINDOW, 5)));
        assertThat(meters.counter("ssn.gateway.rate_limit.local").count()).isZero();
    }

    @Test
    void eachClientIsSentApartAndANewBatchStartsAfterTheLastWasSent() {
        ClientRateLimiter limiter = limiter(Duration.ofMillis(20), true);
        AtomicInteger served = new AtomicInteger();

        call(limiter, "district-93", served);
        call(limiter, "broadcaster", served);
        await().atMost(Duration.ofSeconds(5)).until(() -> added.size() == 2);
        call(limiter, "district-93", served);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(added)
                        .containsExactlyInAnyOrder(
                                new Added("district-93", WINDOW, 1),
                                new Added("broadcaster", WINDOW, 1),
                                new Added("district-93", WINDOW, 1)));
    }

    @Test
    void withRedisGoneTheBatchIsCountedHereAndTheLimitHolds() {
        ClientRateLimiter limiter = limiter(Duration.ofMillis(20), false);
        AtomicInteger served = new AtomicInteger();

        call(limiter, "district-93", served);
        call(limiter, "district-93", served);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                meters.counter("ssn.gateway.rate_limit.local").count())
                        .isEqualTo(2.0));
        List<HttpStatus> later = List.of(call(limiter, "district-93", served), call(limiter, "district-93", served));

        assertThat(later).containsExactly(HttpStatus.OK, HttpStatus.TOO_MANY_REQUESTS);
        // not sent while Redis is known to be away: counted here, one by one as they are taken
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                meters.counter("ssn.gateway.rate_limit.local").count())
                        .isEqualTo(4.0));
        assertThat(added).hasSize(1);
    }

    private static HttpStatus call(ClientRateLimiter limiter, String client, AtomicInteger served) {
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/api/alerts/abc"))
                .principal(new TestingAuthenticationToken(client, null))
                .build();
        try {
            limiter.filter(exchange, ignored -> Mono.fromRunnable(served::incrementAndGet))
                    .block(Duration.ofSeconds(5));
            return HttpStatus.OK;
        } catch (ResponseStatusException refused) {
            return HttpStatus.valueOf(refused.getStatusCode().value());
        }
    }
}
