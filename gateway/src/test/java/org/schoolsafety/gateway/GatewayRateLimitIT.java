package org.schoolsafety.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.net.Ports;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that is down answers 503 as a problem detail. Per-client rate limits: a flood from one client is cut to the limit with 429 and Retry-After while another
 * client is served; counts live in Redis; with Redis gone each instance still limits and still serves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.gateway.rate-limit.requests-per-second=" + GatewayRateLimitIT.LIMIT,
            // a loaded CI machine must not push counts to the per-instance fallback while Redis is up
            "ssn.gateway.rate-limit.redis-timeout=1s"
        })
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRateLimitIT {

    static final int LIMIT = 5;
    private static final int FLOOD = 40;
    private static final StandInService SERVICES = new StandInService();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            // plain HTTP/1.1, as the gateway serves it: no h2c upgrade attempt on each new connection
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    private int port;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private RedisServerProcess realRedisServer;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void routeToTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("ssn.gateway.services.alert", SERVICES::url);
        registry.add("ssn.gateway.services.bulletin", () -> "http://127.0.0.1:" + Ports.free());
    }

    @AfterAll
    static void stopStandIn() {
        SERVICES.close();
    }

    /** What a burst of requests from one client got. */
    private record Burst(List<HttpResponse<String>> responses, long windows) {

        long served() {
            return responses.stream().filter(r -> r.statusCode() == 200).count();
        }

        List<HttpResponse<String>> refused() {
            return responses.stream().filter(r -> r.statusCode() == 429).toList();
        }
    }

    @Test
    @Order(1)
    void aFloodFromOneClientIsCutToTheLimitWhileAnotherClientIsServed() throws Exception {
        String flooder = TestIssuer.shared().token("mo-district-columbia-93", "SYSTEM");
        String broadcaster = TestIssuer.shared().token("mo-state", "STATE_BROADCASTER");

        Burst flood = burst(flooder, FLOOD);
        HttpResponse<String> other = call(broadcaster);

        assertThat(flood.served()).isBetween(1L, LIMIT * flood.windows());
        assertThat(flood.refused()).isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            // the refused client reconnects (see ClientRateLimiter.refuse)
            assertThat(refused.headers().firstValue("connection")).hasValue("close");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"status\":429");
        });
        assertThat(other.statusCode()).as("another client, same moment").isEqualTo(200);
    }

    @Test
    @Order(2)
    void countsAreKeptInRedisSoEveryGatewayInstanceSharesThem() {
        // sent in batches, share-every (50 ms) after a batch's first request
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> keys = redis.keys("ssn:gateway:rate:*").collectList().block(Duration.ofSeconds(5));
            assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).matches("ssn:gateway:rate:[^:]+:[0-9]+"));
        });
    }

    @Test
    @Order(3)
    void withRedisGoneEachInstanceStillLimitsAndNobodyIsLockedOut() throws Exception {
        realRedisServer.close();
        String flooder = TestIssuer.shared().token("mo-district-kansas-city-33", "SYSTEM");

        Burst flood = burst(flooder, FLOOD);

        assertThat(flood.served()).as("not locked out").isBetween(1L, LIMIT * flood.windows());
        assertThat(flood.refused()).as("still limited").isNotEmpty();
        // requests are decided without waiting for Redis: that it is gone shows once its count times out
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                meters.counter("ssn.gateway.rate_limit.local").count())
                        .isPositive());
    }

    @Test
    @Order(1)
    void aServiceThatIsDownIsA503ProblemDetailNotAStackTrace() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/bulletins/b-1"))
                        .header("Authorization", "Bearer " + TestIssuer.shared().token("mo-state", "STATE_EDITOR"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":503").doesNotContain("Exception", "at org.");
    }

    private Burst burst(String token, int requests) throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        long firstWindow = System.currentTimeMillis() / 1000;
        for (int i = 0; i < requests; i++) {
            long began = System.nanoTime();
            try {
                responses.add(call(token));
            } catch (java.net.http.HttpTimeoutException e) {
                throw new AssertionError(
                        "request " + (i + 1) + " of " + requests + " got no answer in "
                                + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms; the ones before: "
                                + responses.stream()
                                        .map(HttpResponse::statusCode)
                                        .toList(),
                        e);
            }
        }
        long lastWindow = System.currentTimeMillis() / 1000;
        return new Burst(responses, lastWindow - firstWindow + 1);
    }

    /**
     * One request on a connection of its own. Twice in CI a request of a burst went unanswered for 10 s with no trace
     * in the gateway's access log, after a 429 on the same kept-alive connection (since reproduced by hand; a 429 now
     * closes its connection, see ClientRateLimiter.refuse); a fresh connection per request takes the client's
     * connection reuse out of what this test measures. A gateway that hangs still fails it.
     */
    private HttpResponse<String> call(String token) throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts/a-1"))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
