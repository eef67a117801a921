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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.Deliveries;
import org.schoolsafety.delivery.OutcomeLog;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
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
import org.schoolsafety.testing.kafka.TopicBytes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 27, item 4: a verification was lost when its request came before delivery-service had read the new
 * endpoint's record on {@code directory}, and was failed for good as if the endpoint had been removed. Here
 * endpoints are registered as subscription-service registers them (the record on {@code directory}, confirmed, then
 * the verification on {@code delivery-requests-urgent}), hundreds at once, and every one is verified; a request that
 * comes before its endpoint's record is delivered once the record arrives; a removed endpoint still fails for good.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.webhooks.allowed-hosts=127.0.0.1",
            "ssn.delivery.urgent.attempts=6",
            "ssn.delivery.urgent.first-retry=500ms",
            "ssn.delivery.urgent.jitter=0ms",
            "ssn.delivery.isolation.detach-after=3s"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewEndpointsIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int SCHOOLS = 300;
    static final WireMockServer RECEIVER =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64));

    static {
        RECEIVER.start();
    }

    /** Ids of this run: the broker is shared with other test classes. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private EndpointDirectory directory;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private OutcomeLog outcomes;

    @BeforeAll
    void receivers() {
        outcomes = new OutcomeLog(bootstrap);
        // a district's receiver: any signed POST is answered 204, the verification included
        RECEIVER.stubFor(post(urlMatching("/schools/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        RECEIVER.stop();
    }

    @Test
    void hundredsOfWebhooksRegisteredAtOnceAreEveryOneVerified() throws Exception {
        List<DeliveryRequested> verifications = IntStream.range(0, SCHOOLS)
                .mapToObj(i -> verification("ep-school-" + run + "-" + i))
                .toList();
        long began = System.nanoTime();
        try (ExecutorService registrars = Executors.newFixedThreadPool(16)) {
            List<Future<?>> registered = new ArrayList<>();
            for (DeliveryRequested verification : verifications) {
                registered.add(registrars.submit(() -> {
                    register(verification);
                    return null;
                }));
            }
            for (Future<?> each : registered) {
                each.get(60, TimeUnit.SECONDS);
            }
        }
        Duration registering = Duration.ofNanos(System.nanoTime() - began);
        assertThat(registering).as("registered quickly").isLessThan(Duration.ofSeconds(60));

        await("every verification answered")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> verifications.stream()
                        .allMatch(v -> outcomes.of(v.deliveryId()).stream()
                                .anyMatch(o -> o instanceof DeliverySucceeded || isPermanent(o))));
        long waitedForTheDirectory = 0;
        for (DeliveryRequested verification : verifications) {
            List<DeliveryOutcome> each = outcomes.of(verification.deliveryId());
            assertThat(each)
                    .as("%s: verified, never failed for good", verification.endpointId())
                    .noneMatch(NewEndpointsIT::isPermanent)
                    .anyMatch(DeliverySucceeded.class::isInstance);
            if (each.stream().anyMatch(o -> o instanceof DeliveryFailed f && Deliveries.NOT_KNOWN.equals(f.reason()))) {
                waitedForTheDirectory++;
            }
            assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(path(verification.endpointId())))))
                    .as("%s received its verification", verification.endpointId())
                    .anyMatch(r -> verification.deliveryId().equals(r.getHeader("webhook-id")));
        }
        System.out.printf(
                "%d webhooks registered in %d ms; %d verification(s) came before their endpoint was read%n",
                SCHOOLS, registering.toMillis(), waitedForTheDirectory);
    }

    @Test
    void aRequestThatComesBeforeItsEndpointsRecordIsDeliveredOnceTheRecordArrives() throws Exception {
        DeliveryRequested verification = verification("ep-late-" + run);
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, verification.endpointId(), verification)
                .get();
        DeliveryFailed retrying =
                outcomes.await(verification.deliveryId(), DeliveryFailed.class, Duration.ofSeconds(30));
        assertThat(retrying.permanent())
                .as("an endpoint never seen is not a removed one")
                .isFalse();
        assertThat(retrying.reason()).isEqualTo(Deliveries.NOT_KNOWN);
        assertThat(retrying.attempt()).isEqualTo(1);

        webhook(verification.endpointId(), false, false);

        DeliverySucceeded succeeded =
                outcomes.await(verification.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
        assertThat(succeeded.attempt()).isGreaterThan(1);
        assertThat(outcomes.of(verification.deliveryId())).noneMatch(NewEndpointsIT::isPermanent);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(path(verification.endpointId())))))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("webhook-id")).isEqualTo(verification.deliveryId()));
    }

    @Test
    void aRemovedEndpointAndATombstonedOneStillFailForGoodAtOnce() throws Exception {
        String removed = "ep-removed-" + run;
        webhook(removed, true, true);
        String tombstoned = "ep-tombstoned-" + run;
        webhook(tombstoned, true, false);
        TopicBytes.write(bootstrap, Topics.DIRECTORY.name(), tombstoned, null, Map.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> directory.get(removed).isPresent()
                        && directory.seen(tombstoned)
                        && directory.get(tombstoned).isEmpty());

        for (String endpointId : List.of(removed, tombstoned)) {
            DeliveryRequested request = verification(endpointId);
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, endpointId, request)
                    .get();
            DeliveryFailed failed = outcomes.await(request.deliveryId(), DeliveryFailed.class, Duration.ofSeconds(30));
            assertThat(failed.permanent()).as(endpointId).isTrue();
            assertThat(failed.reason()).isEqualTo("endpoint removed");
            assertThat(failed.attempt()).isEqualTo(1);
            assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(path(endpointId)))))
                    .isEmpty();
        }
    }

    /** As subscription-service does: the endpoint's record, confirmed, then its verification. */
    private void register(DeliveryRequested verification) throws Exception {
        webhook(verification.endpointId(), false, false);
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, verification.endpointId(), verification)
                .get(30, TimeUnit.SECONDS);
    }

    private void webhook(String endpointId, boolean verified, boolean removed) throws Exception {
        TestEndpoints.webhook(
                publisher,
                endpointId,
                "http://127.0.0.1:" + RECEIVER.port() + path(endpointId),
                SECRET,
                PayloadFormat.JSON,
                verified,
                removed);
    }

    private static String path(String endpointId) {
        return "/schools/" + endpointId;
    }

    private static boolean isPermanent(DeliveryOutcome outcome) {
        return outcome instanceof DeliveryFailed failed && failed.permanent();
    }

    private static DeliveryRequested verification(String endpointId) {
        String notificationId = "verification-" + UUID.randomUUID();
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, endpointId),
                notificationId,
                endpointId,
                "mo-district-columbia-93",
                Channel.WEBHOOK,
                "ignored: the directory has the address",
                Lane.URGENT,
                Feed.VERIFICATION,
                new Message("Verify this webhook endpoint", "Answer with any 2xx status.", null),
                Instant.now());
    }
}
