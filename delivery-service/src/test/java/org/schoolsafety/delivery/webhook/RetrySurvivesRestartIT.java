package org.schoolsafety.delivery.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.DeliveryServiceApplication;
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
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Issue 27: a request waiting on a retry topic when delivery-service stops is taken up by the next instance. Each
 * instance is a context of its own on the same broker and Redis, started with jittered delays as in production
 * (which used to name a new set of retry topics at every start). The test's own context only holds the broker and
 * Redis and delivers nothing.
 */
@SpringBootTest(
        properties = {
            "ssn.delivery.webhooks.enabled=false",
            "ssn.delivery.email.enabled=false",
            "ssn.delivery.sms.enabled=false"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrySurvivesRestartIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String WEBHOOK_RETRY = "delivery-requests-urgent-webhook-retry";
    static final String DEAD_LETTERS = "delivery-requests-urgent-dlt";
    static final WireMockServer RECEIVER =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    /**
     * One instance of delivery-service: webhooks only, three attempts on the urgent lane, the first retry after 3 to
     * 4 s and the second after 4 to 8 s (jitter 1 s, scaled like the delay), so each start draws other delays.
     */
    static final List<String> INSTANCE = List.of(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--ssn.webhooks.allowed-hosts=127.0.0.1",
            "--ssn.delivery.email.enabled=false",
            "--ssn.delivery.sms.enabled=false",
            "--ssn.delivery.webhooks.enabled=true",
            "--ssn.delivery.urgent.attempts=3",
            "--ssn.delivery.urgent.first-retry=3000ms",
            "--ssn.delivery.urgent.jitter=1000ms",
            "--ssn.delivery.webhooks.urgent-consumers=1",
            "--ssn.delivery.isolation.detach-after=3s");

    static {
        RECEIVER.start();
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private Environment environment;

    private OutcomeLog outcomes;

    @BeforeAll
    void endpoints() throws Exception {
        outcomes = new OutcomeLog(bootstrap());
        for (String id : List.of("recovering", "down")) {
            TestEndpoints.webhook(
                    publisher,
                    "ep-" + id,
                    "http://127.0.0.1:" + RECEIVER.port() + "/" + id,
                    SECRET,
                    PayloadFormat.JSON,
                    true,
                    false);
        }
        RECEIVER.stubFor(post("/recovering").willReturn(aResponse().withStatus(503)));
        RECEIVER.stubFor(post("/down").willReturn(aResponse().withStatus(503)));
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        RECEIVER.stop();
    }

    /**
     * The first attempt fails (503), the request waits on the first retry topic, the service stops; the receiver
     * mends and a new instance, with retry delays of its own, delivers the request: same retry topics, same
     * {@code webhook-id}.
     */
    @Test
    void aRetryPendingWhenTheServiceStopsIsDeliveredByTheNextInstance() throws Exception {
        DeliveryRequested request = request("n-restart", "ep-recovering");
        Set<String> retryTopicsBefore;
        try (ConfigurableApplicationContext first = instance()) {
            long waiting = onRetryTopic();
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, request.endpointId(), request)
                    .get();
            DeliveryFailed retrying =
                    outcomes.await(request.deliveryId(), DeliveryFailed.class, Duration.ofSeconds(30));
            assertThat(retrying.permanent()).isFalse();
            assertThat(retrying.reason()).isEqualTo("HTTP 503");
            awaitOnRetryTopic(waiting + 1);
            retryTopicsBefore = retryTopics();
        }
        RECEIVER.stubFor(post("/recovering").willReturn(aResponse().withStatus(200)));

        try (ConfigurableApplicationContext next = instance()) {
            DeliverySucceeded succeeded =
                    outcomes.await(request.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(60));
            assertThat(succeeded.attempt())
                    .as("taken from the retry topic, not delivered afresh")
                    .isGreaterThanOrEqualTo(2);
            assertThat(retryTopics())
                    .as("the next instance uses the same retry topics, whatever delays it drew")
                    .isEqualTo(retryTopicsBefore)
                    .contains(WEBHOOK_RETRY + "-0", WEBHOOK_RETRY + "-1")
                    .noneMatch(topic -> topic.matches(".*-retry-[0-9]{3,}"));
        }
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/recovering"))))
                .as("every call carried the same webhook-id")
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
    }

    /**
     * A request that fails on every attempt, with a restart between its first attempt and the others: the next
     * instance makes the remaining attempts, then the request is on the lane's dead-letter topic and its permanent
     * failure is published.
     */
    @Test
    void aRetryPendingWhenTheServiceStopsIsGivenUpByTheNextInstanceAfterItsLastAttempt() throws Exception {
        DeliveryRequested request = request("n-restart-down", "ep-down");
        try (ConfigurableApplicationContext first = instance()) {
            long waiting = onRetryTopic();
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, request.endpointId(), request)
                    .get();
            outcomes.await(request.deliveryId(), DeliveryFailed.class, Duration.ofSeconds(30));
            awaitOnRetryTopic(waiting + 1);
        }
        try (ConfigurableApplicationContext next = instance()) {
            await("gave up")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> outcomes.of(request.deliveryId()).stream()
                            .anyMatch(o -> o instanceof DeliveryFailed f && f.permanent()));
        }
        List<DeliveryOutcome> all = outcomes.of(request.deliveryId());
        assertThat(all)
                .extracting(o -> ((DeliveryFailed) o).attempt() + (((DeliveryFailed) o).permanent() ? " gave up" : ""))
                .containsSubsequence("1", "2", "3", "3 gave up")
                .endsWith("3 gave up");
        assertThat(deadLetters())
                .as("the request is on the lane's dead-letter topic")
                .contains(request.deliveryId());
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/down"))))
                .hasSizeGreaterThanOrEqualTo(3)
                .allMatch(r -> request.deliveryId().equals(r.getHeader("webhook-id")));
    }

    private ConfigurableApplicationContext instance() {
        List<String> args = new ArrayList<>(INSTANCE);
        for (String name : List.of(
                "spring.kafka.bootstrap-servers",
                "spring.data.redis.host",
                "spring.data.redis.port",
                "ssn.security.issuer",
                "ssn.security.jwk-set-uri")) {
            args.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        return new SpringApplicationBuilder(DeliveryServiceApplication.class).run(args.toArray(String[]::new));
    }

    private String bootstrap() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /**
     * Waits until the urgent lane's webhook retry topics have had {@code records} records in all (the broker has
     * confirmed them), whatever their names.
     */
    private void awaitOnRetryTopic(long records) {
        await("on the retry topics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(this::onRetryTopic, n -> n >= records);
    }

    private long onRetryTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.startsWith(WEBHOOK_RETRY))
                    .toList();
            Map<TopicPartition, OffsetSpec> ends =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .flatMap(topic -> topic.partitions().stream()
                                    .map(p -> new TopicPartition(topic.name(), p.partition())))
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }

    private Set<String> retryTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.contains("-retry"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The delivery ids of the requests on the urgent lane's dead-letter topic. */
    private List<String> deadLetters() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaConsumer<String, Object> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> ids = new ArrayList<>();
            Instant giveUp = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof DeliveryRequested dead) {
                        ids.add(dead.deliveryId());
                    }
                }
            }
            return ids;
        }
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
