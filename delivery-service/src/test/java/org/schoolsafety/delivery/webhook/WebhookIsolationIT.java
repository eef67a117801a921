package org.schoolsafety.delivery.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.OutcomeLog;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One district's broken endpoint must not slow the others, and one that stays broken is reported. With a single consumer on the urgent lane (the worst
 * case: every endpoint shares it), a receiver that takes 15 s to answer delays the others' deliveries by less
 * than a second; a receiver that keeps failing stops being called once its circuit opens; a receiver's
 * {@code Retry-After} is waited out before it is called again.
 */
@SpringBootTest(
        properties = {
            "ssn.webhooks.allowed-hosts=127.0.0.1",
            "ssn.delivery.urgent.attempts=6",
            "ssn.delivery.urgent.first-retry=200ms",
            "ssn.delivery.urgent.jitter=0ms",
            "ssn.delivery.webhooks.urgent-consumers=1",
            "ssn.delivery.isolation.open-for=3s",
            "ssn.delivery.isolation.disable-after=3s"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIsolationIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int FAST = 10;
    static final WireMockServer RECEIVER =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64));

    static {
        RECEIVER.start();
    }

    @Autowired
    private EventPublisher publisher;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private OutcomeLog outcomes;

    @BeforeAll
    void receivers() throws Exception {
        outcomes = new OutcomeLog(bootstrap);
        RECEIVER.stubFor(post("/fast").willReturn(aResponse().withStatus(204)));
        RECEIVER.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
        RECEIVER.stubFor(
                post("/sluggish").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        RECEIVER.stubFor(post("/dead").willReturn(aResponse().withStatus(503)));
        RECEIVER.stubFor(post("/busy")
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("ready"));
        RECEIVER.stubFor(post("/busy")
                .inScenario("busy")
                .whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(204)));
        for (int i = 0; i < FAST; i++) {
            endpoint("ep-fast-" + i, "/fast");
        }
        endpoint("ep-slow", "/slow");
        endpoint("ep-sluggish", "/sluggish");
        endpoint("ep-dead", "/dead");
        endpoint("ep-busy", "/busy");
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        RECEIVER.stop();
    }

    @Test
    void aReceiverThatTakesFifteenSecondsDelaysTheOthersByLessThanASecond() throws Exception {
        publishFast("warm-up"); // connections, JIT
        // the same deliveries with no slow receiver about: how long this machine takes, now
        Duration baseline = slowestOf(publishFast("baseline"));

        List<DeliveryRequested> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DeliveryRequested request = request("n-slow-" + i, "ep-slow");
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-slow", request)
                    .get();
            slow.add(request);
        }
        Duration withSlow = slowestOf(publishFast("beside-slow"));

        assertThat(withSlow)
                .as("slowest of %d fast deliveries behind a 15 s receiver (alone: %s)", FAST, baseline)
                .isLessThan(baseline.plusSeconds(1));
        // nor is one of its deliveries lost: 15 s is the total timeout, so each call is abandoned, retried, and given
        // up after the last attempt, with exactly one final outcome
        for (DeliveryRequested request : slow) {
            org.awaitility.Awaitility.await("final outcome of " + request.deliveryId())
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> finals(request).size() == 1);
            assertThat(finals(request)).singleElement().isInstanceOf(DeliveryFailed.class);
        }
    }

    @Test
    void aSlowAnswerWithinTheTimeoutConcludesTheDeliveryOnceAfterTheListenerMovedOn() throws Exception {
        List<DeliveryRequested> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DeliveryRequested request = request("n-sluggish-" + i, "ep-sluggish");
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sluggish", request)
                    .get();
            requests.add(request);
        }
        for (DeliveryRequested request : requests) {
            DeliverySucceeded succeeded =
                    outcomes.await(request.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
            assertThat(succeeded.attempt()).isEqualTo(1);
        }
        // the retries that come after the answer (every 0.2, 0.4, 0.8 ... s here) must not call again
        org.awaitility.Awaitility.await("one call and one final outcome per delivery, for 2 s")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> requests.stream().allMatch(r -> finals(r).size() == 1 && sluggishCalls(r) == 1));
        for (DeliveryRequested request : requests) {
            assertThat(finals(request)).singleElement().isInstanceOf(DeliverySucceeded.class);
            assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/sluggish"))).stream()
                            .filter(r -> request.deliveryId().equals(r.getHeader("webhook-id"))))
                    .as("called once: the retries found the call under way, then concluded")
                    .hasSize(1);
        }
    }

    @Test
    void aReceiverThatKeepsFailingIsNotCalledWhileItsCircuitIsOpen() throws Exception {
        List<DeliveryRequested> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DeliveryRequested request = request("n-dead-" + i, "ep-dead");
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-dead", request)
                    .get();
            requests.add(request);
        }
        for (DeliveryRequested request : requests) {
            outcomes.await(request.deliveryId(), DeliveryFailed.class, Duration.ofSeconds(30));
        }
        // every request gets all its attempts (6 each, 48 in all) and a permanent failure at the end ...
        org.awaitility.Awaitility.await("all given up")
                .atMost(Duration.ofSeconds(60))
                .until(() -> requests.stream()
                        .allMatch(r -> outcomes.of(r.deliveryId()).stream()
                                .anyMatch(o -> o instanceof DeliveryFailed f && f.permanent())));
        List<String> reasons = requests.stream()
                .flatMap(r -> outcomes.of(r.deliveryId()).stream())
                .map(o -> ((DeliveryFailed) o).reason())
                .toList();
        // 5 failures open it; calls already under way may add a failure or two before the first refusal
        assertThat(reasons).anyMatch(reason -> reason.matches("circuit open after [5-9] failures in a row"));
        // ... but the receiver saw only the calls before the circuit opened and one probe each time it half-opened
        int calls = RECEIVER.findAll(postRequestedFor(urlEqualTo("/dead"))).size();
        long attempted = reasons.stream().filter("HTTP 503"::equals).count();
        assertThat(calls).isEqualTo((int) attempted).isLessThan(20);
        // failing for longer than disable-after (3 s here, a day by default): reported once, to be disabled
        assertThat(outcomes.disabled("ep-dead")).singleElement().satisfies(disabled -> {
            assertThat(disabled.reason()).startsWith("failing for ");
            assertThat(disabled.failingSince()).isBeforeOrEqualTo(disabled.at().minusSeconds(3));
            assertThat(disabled.organisationId()).isEqualTo("mo-district-columbia-93");
        });
        assertThat(outcomes.disabled("ep-fast-0")).isEmpty();
    }

    @Test
    void aRetryAfterIsWaitedOutBeforeTheReceiverIsCalledAgain() throws Exception {
        DeliveryRequested request = request("n-busy", "ep-busy");
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-busy", request).get();
        DeliverySucceeded succeeded =
                outcomes.await(request.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
        List<LoggedRequest> calls = RECEIVER.findAll(postRequestedFor(urlEqualTo("/busy")));
        assertThat(calls).hasSize(2);
        Duration between = Duration.between(
                calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant());
        assertThat(between).as("asked to wait 2 s").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(outcomes.of(request.deliveryId()))
                .filteredOn(DeliveryFailed.class::isInstance)
                .extracting(o -> ((DeliveryFailed) o).reason())
                .startsWith("HTTP 429")
                .contains("receiver asked to wait (Retry-After)");
        assertThat(succeeded.attempt()).isGreaterThan(2);
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    /** One delivery to each fast endpoint; returns how long each took from publishing to its outcome. */
    private List<Duration> publishFast(String round) throws Exception {
        Map<DeliveryRequested, Instant> sent = new LinkedHashMap<>();
        for (int i = 0; i < FAST; i++) {
            DeliveryRequested request = request("n-" + round + "-" + i, "ep-fast-" + i);
            Instant at = Instant.now();
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, request.endpointId(), request)
                    .get();
            sent.put(request, at);
        }
        List<Duration> took = new ArrayList<>();
        for (Map.Entry<DeliveryRequested, Instant> each : sent.entrySet()) {
            DeliverySucceeded done =
                    outcomes.await(each.getKey().deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
            took.add(Duration.between(each.getValue(), done.at()));
        }
        return took;
    }

    private static long sluggishCalls(DeliveryRequested request) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo("/sluggish"))).stream()
                .filter(r -> request.deliveryId().equals(r.getHeader("webhook-id")))
                .count();
    }

    /** Succeeded and permanently failed outcomes: a delivery has exactly one once it is over. */
    private List<DeliveryOutcome> finals(DeliveryRequested request) {
        return outcomes.of(request.deliveryId()).stream()
                .filter(o -> o instanceof DeliverySucceeded || (o instanceof DeliveryFailed f && f.permanent()))
                .toList();
    }

    private static Duration slowestOf(List<Duration> durations) {
        return durations.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private void endpoint(String id, String path) throws Exception {
        TestEndpoints.webhook(
                publisher, id, "http://127.0.0.1:" + RECEIVER.port() + path, SECRET, PayloadFormat.JSON, true, false);
    }

    private static DeliveryRequested request(String notificationId, String endpointId) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, endpointId),
                notificationId,
                endpointId,
                "mo-district-columbia-93",
                Channel.WEBHOOK,
                "ignored: the directory has the address",
                Lane.URGENT,
                Feed.URGENT_ALERTS,
                new Message("Lockdown at " + notificationId, "Shelter in place.", null),
                Instant.now());
    }
}
