package org.schoolsafety.delivery.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.settings.WebhookSettings;
import org.schoolsafety.platform.security.WebhookTargets;

/** The webhook client against receivers on the loopback address that answer well, badly, slowly or not at all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookClientTests {

    private static final byte[] BODY = "{\"type\":\"alert.urgent\"}".getBytes();

    private WireMockServer receiver;
    private WebhookClient client;

    @BeforeAll
    void start() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        // generous limits: a busy machine must not fail these calls; the timeout test has a client of its own
        client = new WebhookClient(
                new WebhookTargets(Set.of("127.0.0.1")),
                new WebhookSettings(
                        true, 4, 2, 64, Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 1024));
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        receiver.resetAll();
    }

    @Test
    void aSignedPostArrivesWithItsHeadersAndA2xxIsSuccess() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        WebhookClient.Result result = client.post(
                url("/hook"),
                Map.of("webhook-id", "d-1", "webhook-signature", "v1,abc"),
                BODY,
                ContentType.APPLICATION_JSON);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.status()).isEqualTo(204);
        receiver.verify(postRequestedFor(urlEqualTo("/hook"))
                .withHeader("webhook-id", equalTo("d-1"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8")));
    }

    @Test
    void errorsRateLimitsAndRedirectsAreAnswersNotInstructions() {
        receiver.stubFor(post("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        receiver.stubFor(post("/broken").willReturn(aResponse().withStatus(500)));
        receiver.stubFor(
                post("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", url("/elsewhere"))));
        WebhookClient.Result busy = client.post(url("/busy"), Map.of(), BODY, ContentType.APPLICATION_JSON);
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(client.post(url("/broken"), Map.of(), BODY, ContentType.APPLICATION_JSON)
                        .status())
                .isEqualTo(500);
        assertThat(client.post(url("/moved"), Map.of(), BODY, ContentType.APPLICATION_JSON)
                        .status())
                .isEqualTo(302);
        receiver.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/broken"))))
                .as("no automatic retry")
                .hasSize(1);
    }

    @Test
    void aReceiverThatTakesTooLongIsAbandonedAtTheTotalTimeout() throws Exception {
        receiver.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(8_000)));
        receiver.stubFor(post("/dribble")
                .willReturn(
                        aResponse().withStatus(200).withBody("x".repeat(4096)).withChunkedDribbleDelay(8, 8_000)));
        try (WebhookClient impatient = new WebhookClient(
                new WebhookTargets(Set.of("127.0.0.1")),
                new WebhookSettings(
                        true,
                        4,
                        2,
                        64,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        2,
                        Duration.ofSeconds(1),
                        1024))) {
            for (String path : List.of("/slow", "/dribble")) {
                long began = System.nanoTime();
                WebhookClient.Result result = impatient.post(url(path), Map.of(), BODY, ContentType.APPLICATION_JSON);
                long ms = (System.nanoTime() - began) / 1_000_000;
                assertThat(result.succeeded()).as(path).isFalse();
                assertThat(result.failure()).as(path).isNotNull();
                assertThat(ms)
                        .as(path + " abandoned after the 1 s total timeout")
                        .isLessThan(2_500);
            }
        }
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheCap() {
        receiver.stubFor(post("/huge").willReturn(aResponse().withStatus(200).withBody("x".repeat(5_000_000))));
        assertThat(client.post(url("/huge"), Map.of(), BODY, ContentType.APPLICATION_JSON)
                        .succeeded())
                .isTrue();
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedBeforeAnyConnectionUnlessAllowListed() throws Exception {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (WebhookClient strict = new WebhookClient(
                new WebhookTargets(Set.of()),
                new WebhookSettings(
                        true,
                        4,
                        2,
                        64,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2),
                        2,
                        Duration.ofSeconds(2),
                        1024))) {
            for (String url : List.of(
                    url("/hook"),
                    "http://localhost:" + receiver.port() + "/hook",
                    "https://10.0.0.5/hook",
                    "https://169.254.169.254/latest")) {
                WebhookClient.Result result = strict.post(url, Map.of(), BODY, ContentType.APPLICATION_JSON);
                assertThat(result.blocked()).as(url).isTrue();
                assertThat(result.status()).isZero();
            }
        }
        receiver.verify(0, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void oneHostGetsAtMostItsShareOfConnections() throws Exception {
        receiver.stubFor(post("/queue").willReturn(aResponse().withStatus(200).withFixedDelay(200)));
        long began = System.nanoTime();
        // a generous wait for a connection: a busy machine must not fail the calls
        try (var threads = Executors.newVirtualThreadPerTaskExecutor();
                WebhookClient capped = new WebhookClient(
                        new WebhookTargets(Set.of("127.0.0.1")),
                        new WebhookSettings(
                                true,
                                4,
                                2,
                                64,
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(10),
                                2,
                                Duration.ofSeconds(10),
                                1024))) {
            List<Future<WebhookClient.Result>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(
                        threads.submit(() -> capped.post(url("/queue"), Map.of(), BODY, ContentType.APPLICATION_JSON)));
            }
            for (Future<WebhookClient.Result> call : calls) {
                assertThat(call.get().succeeded()).isTrue();
            }
        }
        long ms = (System.nanoTime() - began) / 1_000_000;
        assertThat(ms).as("4 calls of 200 ms, 2 at a time").isGreaterThanOrEqualTo(380);
    }

    @Test
    void aCallThatFindsNoFreeConnectionFailsSoonInsteadOfWaitingForTheSlowOnes() throws Exception {
        receiver.stubFor(post("/hog").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor();
                WebhookClient one = new WebhookClient(
                        new WebhookTargets(Set.of("127.0.0.1")),
                        new WebhookSettings(
                                true,
                                4,
                                2,
                                64,
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(10),
                                1,
                                Duration.ofMillis(300),
                                1024))) {
            Future<WebhookClient.Result> hog =
                    threads.submit(() -> one.post(url("/hog"), Map.of(), BODY, ContentType.APPLICATION_JSON));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo("/hog")))
                            .isEmpty());
            long began = System.nanoTime();
            WebhookClient.Result queued = one.post(url("/hog"), Map.of(), BODY, ContentType.APPLICATION_JSON);
            long ms = (System.nanoTime() - began) / 1_000_000;
            assertThat(queued.status()).isZero();
            assertThat(queued.blocked()).isFalse();
            assertThat(ms).as("waited for a connection").isLessThan(2_000);
            assertThat(hog.get().succeeded()).isTrue();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }
}
