package org.schoolsafety.delivery.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.OutcomeLog;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.CloudEventHeaders;
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
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Webhook deliveries through a real broker and Redis to receivers on the loopback address: signed so that the
 * reference verifier accepts them, sent once however often the request is redelivered, retried after a 5xx with
 * the same {@code webhook-id}, and given up at once on a 404 or a removed endpoint, each with its outcome.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.webhooks.allowed-hosts=127.0.0.1",
            "ssn.delivery.urgent.attempts=3",
            "ssn.delivery.urgent.first-retry=200ms",
            "ssn.delivery.urgent.jitter=0ms",
            "ssn.delivery.bulk.attempts=3",
            "ssn.delivery.bulk.first-retry=200ms",
            "ssn.delivery.bulk.jitter=0ms",
            // one consumer per lane: no rebalance hands a record over half-way, so attempts count straight
            "ssn.delivery.webhooks.urgent-consumers=1",
            "ssn.delivery.webhooks.bulk-consumers=1",
            // no receiver here is slow: a busy test machine must not turn a 150 ms answer into a detached call
            "ssn.delivery.isolation.detach-after=3s"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int PACED = 6;
    static final int PACE_MS = 150;
    static final int DEAD = 8;
    static final WireMockServer RECEIVER =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        RECEIVER.start();
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ProducerFactory<?, ?> producers;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private OutcomeLog outcomes;

    @BeforeAll
    void endpoints() throws Exception {
        outcomes = new OutcomeLog(bootstrap);
        endpoint("ep-ok", "/ok", true, false);
        endpoint("ep-flaky", "/flaky", true, false);
        endpoint("ep-missing", "/missing", true, false);
        endpoint("ep-removed", "/removed", true, true);
        endpoint("ep-unverified", "/unverified", false, false);
        endpoint("ep-down", "/down", true, false);
        endpoint("ep-traced-down", "/traced-down", true, false);
        endpoint("ep-gone", "/gone", true, false);
        endpoint("ep-mended", "/mended", true, false);
        endpoint("ep-cap", "/cap", true, false, PayloadFormat.CAP_XML);
        RECEIVER.stubFor(post("/cap").willReturn(aResponse().withStatus(202)));
        RECEIVER.stubFor(post("/mended").willReturn(aResponse().withStatus(404)));
        RECEIVER.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));
        RECEIVER.stubFor(post("/down").willReturn(aResponse().withStatus(500)));
        RECEIVER.stubFor(post("/traced-down").willReturn(aResponse().withStatus(500)));
        RECEIVER.stubFor(post("/ok").willReturn(aResponse().withStatus(200)));
        RECEIVER.stubFor(post("/missing").willReturn(aResponse().withStatus(404)));
        RECEIVER.stubFor(post("/unverified").willReturn(aResponse().withStatus(200)));
        for (int i = 0; i < PACED; i++) {
            endpoint("ep-paced-" + i, "/paced/" + i, true, false);
            RECEIVER.stubFor(
                    post("/paced/" + i).willReturn(aResponse().withStatus(204).withFixedDelay(PACE_MS)));
        }
        for (int i = 0; i < DEAD; i++) {
            endpoint("ep-dead-" + i, "/dead/" + i, true, false);
        }
        RECEIVER.stubFor(post(urlMatching("/dead/.*")).willReturn(aResponse().withStatus(502)));
        RECEIVER.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        RECEIVER.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        RECEIVER.stop();
    }

    @Test
    void aSignedDeliveryIsVerifiedByTheReferenceLibraryAndSentOnceHoweverOftenItIsRedelivered() throws Exception {
        DeliveryRequested request = request("n-ok", "ep-ok", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-ok", request).get();
        DeliverySucceeded succeeded = awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(succeeded.attempt()).isEqualTo(1);
        assertThat(succeeded.providerReference()).isEqualTo("200");

        List<LoggedRequest> received = RECEIVER.findAll(postRequestedFor(urlEqualTo("/ok"))).stream()
                .filter(r -> request.deliveryId().equals(r.getHeader("webhook-id")))
                .toList();
        assertThat(received).hasSize(1);
        LoggedRequest call = received.getFirst();
        assertThat(call.getHeader("webhook-id")).isEqualTo(request.deliveryId());
        verifySignature(call);
        assertThat(call.getBodyAsString())
                .contains("\"type\":\"alert.urgent\"", "\"subject\":\"Lockdown at n-ok\"", request.deliveryId());

        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-ok", request).get();
        DeliveryRequested marker = request("n-ok-after", "ep-ok", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-ok", marker).get();
        awaitOutcome(marker.deliveryId(), DeliverySucceeded.class);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/ok"))).stream()
                        .filter(r -> request.deliveryId().equals(r.getHeader("webhook-id"))))
                .as("redelivered after success: not sent again")
                .hasSize(1);
    }

    @Test
    void a5xxIsRetriedWithTheSameWebhookIdUntilItSucceeds() throws Exception {
        DeliveryRequested request = request("n-flaky", "ep-flaky", Feed.WEEKLY_BULLETIN);
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-flaky", request).get();
        DeliverySucceeded succeeded = awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(succeeded.attempt()).isEqualTo(2);
        DeliveryFailed retrying = outcomes(request.deliveryId()).stream()
                .filter(DeliveryFailed.class::isInstance)
                .map(DeliveryFailed.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(retrying.permanent()).isFalse();
        assertThat(retrying.reason()).isEqualTo("HTTP 503");
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/flaky"))))
                .hasSize(2)
                .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
    }

    @Test
    void anEndpointThatKeepsFailingIsGivenUpAfterTheLastAttemptWithAPermanentFailure() throws Exception {
        DeliveryRequested request = request("n-down", "ep-down", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-down", request).get();
        await("gave up")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> outcomes(request.deliveryId()).stream()
                        .anyMatch(o -> o instanceof DeliveryFailed f && f.permanent()));
        List<DeliveryOutcome> outcomes = outcomes(request.deliveryId());
        assertThat(outcomes)
                .extracting(o -> ((DeliveryFailed) o).attempt() + (((DeliveryFailed) o).permanent() ? " gave up" : ""))
                // a rebalance while the consumers start may hand a record to another consumer, which starts counting
                // again: attempts can repeat, never be skipped, and the last word is the permanent failure
                .containsSubsequence("1", "2", "3", "3 gave up")
                .endsWith("3 gave up")
                .filteredOn(o -> o.endsWith("gave up"))
                .hasSize(1);
        assertThat(meters.counter("ssn.delivery.dead.letters", "channel", "webhook", "lane", "urgent")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/down"))))
                .hasSize(outcomes.size() - 1)
                .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
    }

    /**
     * An outcome continues the trace of the request it answers (the alert's): it carries the request's
     * {@code traceparent}, whichever thread concluded it, on every attempt, through the retry topics and after the
     * last one.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOutcomeCarriesTheTraceContextOfItsRequest() throws Exception {
        // written without a span of the test's own, so that only the given trace context can reach the outcomes
        EventPublisher traced = EventPublisher.withoutObservation((ProducerFactory<String, Object>) producers);
        String okTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String downTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        DeliveryRequested ok = request("n-traced", "ep-ok", Feed.URGENT_ALERTS);
        DeliveryRequested down = request("n-traced", "ep-traced-down", Feed.URGENT_ALERTS);
        traced.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-ok", ok, traceparent(okTrace))
                .get();
        traced.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-traced-down", down, traceparent(downTrace))
                .get();

        awaitOutcome(ok.deliveryId(), DeliverySucceeded.class);
        await("gave up")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> outcomes(down.deliveryId()).stream()
                        .anyMatch(o -> o instanceof DeliveryFailed f && f.permanent()));
        assertThat(outcomes.traceparents(ok.deliveryId())).containsExactly(okTrace);
        // a retried request comes back from the retry topic as a child of its forwarding span: same trace
        assertThat(outcomes.traceparents(down.deliveryId()))
                .as("three retrying failures and the permanent one")
                .hasSizeGreaterThanOrEqualTo(4)
                .extracting(WebhookDeliveryIT::traceId)
                .containsOnly(traceId(downTrace));
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static RecordHeader traceparent(String value) {
        return new RecordHeader(CloudEventHeaders.TRACEPARENT, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Eight requests to eight dead receivers, taken by the lane's consumer in one poll: their failed attempts are
     * forwarded together from one retry topic to the next, and every one of them ends in its permanent failure
     * after the last attempt. None is lost between two topics.
     */
    @Test
    void failuresTakenInOnePollEachGoThroughEveryAttemptToTheirPermanentFailure() throws Exception {
        List<DeliveryRequested> requests = new ArrayList<>();
        for (int i = 0; i < DEAD; i++) {
            requests.add(request("n-dead", "ep-dead-" + i, Feed.URGENT_ALERTS));
        }
        publishTogether(requests);
        for (DeliveryRequested request : requests) {
            await("gave up " + request.endpointId())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> outcomes(request.deliveryId()).stream()
                            .anyMatch(o -> o instanceof DeliveryFailed f && f.permanent()));
            assertThat(outcomes(request.deliveryId()))
                    .extracting(
                            o -> ((DeliveryFailed) o).attempt() + (((DeliveryFailed) o).permanent() ? " gave up" : ""))
                    .as(request.endpointId())
                    .containsSubsequence("1", "2", "3", "3 gave up")
                    .endsWith("3 gave up")
                    .filteredOn(o -> o.endsWith("gave up"))
                    .hasSize(1);
            assertThat(RECEIVER.findAll(postRequestedFor(
                            urlEqualTo("/dead/" + request.endpointId().substring(8)))))
                    .as("every attempt called the receiver, with the same webhook-id")
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
        }
    }

    /**
     * One consumer on the lane, receivers that take 150 ms each to answer: the receivers are called at once, not
     * one after the other, while an endpoint's second request waits for the answer to its first.
     */
    @Test
    void receiversAreCalledAtOnceButOneEndpointsRequestsInTheirTurn() throws Exception {
        List<DeliveryRequested> first = new ArrayList<>();
        List<DeliveryRequested> second = new ArrayList<>();
        List<DeliveryRequested> both = new ArrayList<>();
        for (int i = 0; i < PACED; i++) {
            first.add(request("n-paced-alert", "ep-paced-" + i, Feed.URGENT_ALERTS));
            second.add(request("n-paced-update", "ep-paced-" + i, Feed.URGENT_ALERTS));
            both.add(first.get(i)); // an endpoint's two requests one after the other, in one batch
            both.add(second.get(i));
        }
        publishTogether(both);
        for (DeliveryRequested request : second) {
            awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        }

        Map<String, Long> receivedAt = new HashMap<>();
        RECEIVER.findAll(postRequestedFor(urlMatching("/paced/.*")))
                .forEach(r -> receivedAt.put(
                        r.getHeader("webhook-id"), r.getLoggedDate().getTime()));
        assertThat(receivedAt).hasSize(2 * PACED);
        List<Long> firsts =
                first.stream().map(r -> receivedAt.get(r.deliveryId())).sorted().toList();
        // one after the other, each first request would come at least one answer's time after the one before
        long closest = Long.MAX_VALUE;
        for (int i = 1; i < firsts.size(); i++) {
            closest = Math.min(closest, firsts.get(i) - firsts.get(i - 1));
        }
        assertThat(closest)
                .as("two endpoints' first requests came within one answer's time of each other")
                .isLessThan(PACE_MS);
        for (int i = 0; i < PACED; i++) {
            assertThat(receivedAt.get(second.get(i).deliveryId())
                            - receivedAt.get(first.get(i).deliveryId()))
                    .as("endpoint %d's second request came after the answer to its first", i)
                    .isGreaterThanOrEqualTo(PACE_MS);
        }
    }

    /** Publishes the requests on the urgent lane while its consumer is paused: it takes them in one poll. */
    private void publishTogether(List<DeliveryRequested> requests) throws Exception {
        MessageListenerContainer lane = listeners.getListenerContainer("webhooks-urgent");
        lane.pause();
        await().atMost(Duration.ofSeconds(30)).until(lane::isContainerPaused);
        try {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (DeliveryRequested request : requests) {
                sent.add(publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, request.endpointId(), request));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            lane.resume();
        }
    }

    @Test
    void a404A410ARemovedAndAnUnverifiedEndpointArePermanentFailuresAtOnce() throws Exception {
        for (String[] each : new String[][] {
            {"ep-missing", "HTTP 404"},
            {"ep-gone", DeliveryFailed.GONE},
            {"ep-removed", "endpoint removed"},
            {"ep-unverified", "endpoint not verified"}
        }) {
            DeliveryRequested request = request("n-" + each[0], each[0], Feed.URGENT_ALERTS);
            publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, each[0], request).get();
            DeliveryFailed failed = awaitOutcome(request.deliveryId(), DeliveryFailed.class);
            assertThat(failed.permanent()).as(each[0]).isTrue();
            assertThat(failed.reason()).isEqualTo(each[1]);
            assertThat(failed.attempt()).isEqualTo(1);
        }
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/missing")))).hasSize(1);
        assertThat(outcomes.disabled("ep-gone"))
                .as("410 Gone: the endpoint is reported unusable, to be disabled")
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeliveryFailed.GONE));
        assertThat(outcomes.disabled("ep-missing"))
                .as("a 404 is not the endpoint's end")
                .isEmpty();
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/removed")))).isEmpty();
        String alertToUnverified = DeliveryIds.of("n-ep-unverified", "ep-unverified");
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/unverified"))))
                .as("only its verification, never an alert")
                .noneMatch(r -> alertToUnverified.equals(r.getHeader("webhook-id")));
    }

    @Test
    void anUnverifiedEndpointStillReceivesItsVerification() throws Exception {
        DeliveryRequested request = request("verification-1", "ep-unverified", Feed.VERIFICATION);
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-unverified", request)
                .get();
        awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/unverified")))
                        .getFirst()
                        .getBodyAsString())
                .contains("\"type\":\"endpoint.verification\"");
    }

    @Test
    void metricsCountAttemptsByOutcomeWithoutAnyAddressInATag() throws Exception {
        DeliveryRequested request = request("n-metrics", "ep-ok", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-ok", request).get();
        awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(meters.counter(
                                "ssn.delivery.attempts", "channel", "webhook", "lane", "urgent", "outcome", "succeeded")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.find("ssn.delivery.latency").tag("channel", "webhook").timer())
                .isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isGreaterThanOrEqualTo(1));
        assertThat(meters.find("ssn.delivery.in.flight")
                        .tag("channel", "webhook")
                        .gauge())
                .isNotNull();
        assertThat(meters.getMeters())
                .filteredOn(meter -> meter.getId().getName().startsWith("ssn.delivery"))
                .flatMap(meter -> meter.getId().getTags())
                .allSatisfy(tag -> assertThat(tag.getValue()).doesNotContain("127.0.0.1", "http", "@", "+1"));
    }

    @Test
    void anEndpointThatChoseCapGetsTheAlertsCapXmlSignedAndAnythingElseAsJson() throws Exception {
        String cap = new String(
                getClass()
                        .getResourceAsStream("/cap/cap_amber_alert_example.xml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        DeliveryRequested alert = new DeliveryRequested(
                DeliveryIds.of("n-cap", "ep-cap"),
                "n-cap",
                "ep-cap",
                "mo-district-columbia-93",
                Channel.WEBHOOK,
                "ignored",
                Lane.URGENT,
                Feed.URGENT_ALERTS,
                new Message("Amber alert", "Child abduction.", null, cap),
                Instant.now());
        DeliveryRequested bulletin = request("n-cap-bulletin", "ep-cap", Feed.WEEKLY_BULLETIN);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-cap", alert).get();
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-cap", bulletin).get();
        awaitOutcome(alert.deliveryId(), DeliverySucceeded.class);
        awaitOutcome(bulletin.deliveryId(), DeliverySucceeded.class);

        LoggedRequest capCall = received("/cap", alert.deliveryId());
        assertThat(capCall.getBodyAsString()).isEqualTo(cap);
        assertThat(capCall.getHeader("Content-Type")).startsWith("application/cap+xml");
        verifySignature(capCall);
        LoggedRequest jsonCall = received("/cap", bulletin.deliveryId());
        assertThat(jsonCall.getHeader("Content-Type")).startsWith("application/json");
        assertThat(jsonCall.getBodyAsString()).contains("\"type\":\"bulletin.weekly\"");
        verifySignature(jsonCall);
    }

    private static LoggedRequest received(String path, String deliveryId) {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> deliveryId.equals(r.getHeader("webhook-id")))
                .findFirst()
                .orElseThrow();
    }

    private static void verifySignature(LoggedRequest call) throws Exception {
        new Webhook(SECRET)
                .verify(
                        call.getBodyAsString(),
                        Map.of(
                                "webhook-id", List.of(call.getHeader("webhook-id")),
                                "webhook-timestamp", List.of(call.getHeader("webhook-timestamp")),
                                "webhook-signature", List.of(call.getHeader("webhook-signature"))));
    }

    @Test
    void failedDeliveriesAreReplayedOnceTheReceiverIsMendedButOnlyByTheirOwnOrganisation() throws Exception {
        DeliveryRequested request = request("n-mend", "ep-mended", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-mended", request).get();
        assertThat(awaitOutcome(request.deliveryId(), DeliveryFailed.class).reason())
                .isEqualTo("HTTP 404");
        RECEIVER.stubFor(post("/mended").willReturn(aResponse().withStatus(204)));
        String body = "{\"endpointId\":\"ep-mended\"}";

        HttpResponse<String> otherDistrict =
                api("POST", "/api/deliveries/redeliveries", body, "mo-district-kansas-city-33", "DISTRICT_ADMIN");
        assertThat(otherDistrict.statusCode()).as(otherDistrict.body()).isEqualTo(202);
        assertThat(otherDistrict.body())
                .as("another district's deliveries are not its to replay")
                .contains("\"count\":0");
        assertThat(api("POST", "/api/deliveries/redeliveries", body, "mo-state", "STATE_EDITOR")
                        .statusCode())
                .as("a role that has no business replaying")
                .isEqualTo(403);

        HttpResponse<String> replayed =
                api("POST", "/api/deliveries/redeliveries", body, "mo-district-columbia-93", "DISTRICT_ADMIN");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.body()).contains("\"count\":1", request.deliveryId());
        awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/mended"))))
                .as("the failed call and the replayed one, with the same webhook-id")
                .hasSize(2)
                .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
        assertThat(api("POST", "/api/deliveries/redeliveries", body, "mo-district-columbia-93", "DISTRICT_ADMIN")
                        .body())
                .as("it no longer failed: nothing left to replay")
                .contains("\"count\":0");

        HttpResponse<String> again = api(
                "POST", "/api/deliveries/" + request.deliveryId() + "/redelivery", "", "mo-state", "STATE_BROADCASTER");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        await("sent a third time")
                .atMost(Duration.ofSeconds(30))
                .until(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo("/mended")))
                                .size()
                        == 3);

        for (HttpResponse<String> problem : List.of(
                api("POST", "/api/deliveries/no-such-delivery/redelivery", "", "mo-state", "STATE_ADMIN"),
                api(
                        "POST",
                        "/api/deliveries/redeliveries",
                        "{\"notificationId\":\"n\",\"endpointId\":\"e\"}",
                        "mo-state",
                        "STATE_ADMIN"),
                api("POST", "/api/deliveries/redeliveries", "{not json", "mo-state", "STATE_ADMIN"))) {
            assertThat(problem.statusCode()).as(problem.body()).isIn(400, 404);
            assertThat(problem.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        // a time out of range is refused, not read as 1970 ("everything"); so is text that cannot be stored
        for (String outOfRange :
                List.of("{\"since\":1e300}", "{\"since\":-5}", "{\"since\":\"+99999-01-01T00:00:00Z\"}")) {
            HttpResponse<String> refused =
                    api("POST", "/api/deliveries/redeliveries", outOfRange, "mo-state", "STATE_ADMIN");
            assertThat(refused.statusCode())
                    .as(outOfRange + " " + refused.body())
                    .isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"since\"");
        }
        HttpResponse<String> nul =
                api("POST", "/api/deliveries/redeliveries", "{\"endpointId\":\"e\\u0000\"}", "mo-state", "STATE_ADMIN");
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("\"field\":\"endpointId\"");
    }

    private HttpResponse<String> api(String method, String path, String body, String organisation, String role)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestIssuer.shared().token(organisation, role))
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every consumer of the bulk lane, of its retry topics and of a dead-letter topic lets the broker hold an empty
     * fetch for 5 s; every consumer of the urgent lane and of its retry topics keeps Kafka's 500 ms, so that a retry
     * due after 1 s is fetched within half a second of being due ({@code DeliveryConfiguration}).
     */
    @Test
    void onlyConsumersNothingUrgentWaitsOnLetAnEmptyFetchWaitLong() {
        Map<String, String> waitByTopic = new TreeMap<>();
        for (MessageListenerContainer container : listeners.getAllListenerContainers()) {
            for (String topic : container.getContainerProperties().getTopics()) {
                String wait = container
                        .getContainerProperties()
                        .getKafkaConsumerProperties()
                        .getProperty("fetch.max.wait.ms", "Kafka's default");
                waitByTopic.merge(topic, wait, (a, b) -> a.equals(b) ? a : a + " and " + b);
            }
        }
        assertThat(waitByTopic)
                .as("the lanes, each channel's retry topics (numbered) and the dead-letter topics")
                .containsKeys(
                        "delivery-requests-urgent",
                        "delivery-requests-urgent-webhook-retry-0",
                        "delivery-requests-urgent-email-retry-0",
                        "delivery-requests-urgent-sms-retry-0",
                        "delivery-requests-urgent-dlt",
                        "delivery-requests-bulk",
                        "delivery-requests-bulk-webhook-retry-1",
                        "delivery-requests-bulk-dlt");
        waitByTopic.forEach((topic, wait) -> assertThat(wait)
                .as(topic)
                .isEqualTo(
                        topic.startsWith("delivery-requests-bulk") || topic.endsWith("-dlt")
                                ? "5000"
                                : "Kafka's default"));
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private void endpoint(String id, String path, boolean verified, boolean removed) throws Exception {
        endpoint(id, path, verified, removed, PayloadFormat.JSON);
    }

    private void endpoint(String id, String path, boolean verified, boolean removed, PayloadFormat format)
            throws Exception {
        TestEndpoints.webhook(
                publisher, id, "http://127.0.0.1:" + RECEIVER.port() + path, SECRET, format, verified, removed);
    }

    private static DeliveryRequested request(String notificationId, String endpointId, Feed feed) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, endpointId),
                notificationId,
                endpointId,
                "mo-district-columbia-93",
                Channel.WEBHOOK,
                "ignored: the directory has the address",
                feed == Feed.WEEKLY_BULLETIN ? Lane.BULK : Lane.URGENT,
                feed,
                new Message("Lockdown at " + notificationId, "Shelter in place.", null),
                Instant.now());
    }

    private <T extends DeliveryOutcome> T awaitOutcome(String deliveryId, Class<T> type) {
        return outcomes.await(deliveryId, type, Duration.ofSeconds(30));
    }

    private List<DeliveryOutcome> outcomes(String deliveryId) {
        return outcomes.of(deliveryId);
    }
}
