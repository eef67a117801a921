package org.schoolsafety.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertStatus;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.platform.backbone.listener.AlertsListener;
import org.schoolsafety.platform.backbone.listener.AlertsListener.Received;
import org.schoolsafety.platform.backbone.listener.ListeningService;
import org.schoolsafety.platform.backbone.publisher.PublishingService;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The backbone on a real broker: one service publishes, another service's listener consumes; the
 * CloudEvents envelope and the trace arrive intact; records no one can process go to the dead-letter topic
 * and the partition moves on. The broker never auto-creates topics: the services create them from the
 * catalog.
 */
@EmbeddedKafka(brokerProperties = {"auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0"})
class EventBackboneIT {

    private static ConfigurableApplicationContext publishing;
    private static ConfigurableApplicationContext listening;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startTwoServices() {
        broker = EmbeddedKafkaCondition.getBroker();
        publishing = service(PublishingService.class, "alert-service");
        listening = service(ListeningService.class, "subscription-service");
    }

    @AfterAll
    static void stopServices() {
        listening.close();
        publishing.close();
    }

    private static ConfigurableApplicationContext service(Class<?> application, String name) {
        return BackboneServices.start(application, name, broker.getBrokersAsString());
    }

    @Test
    void everyCatalogTopicAndItsDeadLetterTopicExistWithTheirSettings() throws Exception {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (Topic topic : Topics.all()) {
                assertThat(names).contains(topic.name(), topic.deadLetterName());
            }
            Map<String, TopicDescription> described = admin.describeTopics(List.of("alerts", "alerts-dlt"))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            assertThat(described.get("alerts").partitions()).hasSize(Topics.ALERTS.partitions());
            assertThat(described.get("alerts-dlt").partitions()).hasSize(Topics.ALERTS.partitions());
            ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, "alerts");
            ConfigResource notifications = new ConfigResource(ConfigResource.Type.TOPIC, "notifications");
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(alerts, notifications)).all().get(10, TimeUnit.SECONDS);
            assertThat(configs.get(alerts).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(notifications).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(notifications).get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void producersAreDurableAndConsumersDeadLetterWhatTheyCannotRead() {
        Map<String, Object> producer = publishing
                .getBean(org.springframework.kafka.core.ProducerFactory.class)
                .getConfigurationProperties();
        assertThat(producer)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "lz4");
        Map<String, Object> consumer = listening
                .getBean(org.springframework.kafka.core.ConsumerFactory.class)
                .getConfigurationProperties();
        assertThat(consumer)
                .containsEntry("group.id", "subscription-service")
                .containsEntry(
                        "value.deserializer",
                        org.springframework.kafka.support.serializer.ErrorHandlingDeserializer.class);
    }

    @Test
    void listenerReceivesTheEventWithItsEnvelopeAndTrace() throws Exception {
        AlertIssued issued = alert("alert-trace", "Shelter in place: tornado warning for Boone County");
        ObservationRegistry observations = publishing.getBean(ObservationRegistry.class);
        Tracer tracer = publishing.getBean(Tracer.class);
        String[] traceId = new String[1];
        Observation.createNotStarted("alert.send", observations).observeChecked(() -> {
            traceId[0] = tracer.currentSpan().context().traceId();
            publishing
                    .getBean(EventPublisher.class)
                    .publish(Topics.ALERTS, issued.alertId(), issued)
                    .get(10, TimeUnit.SECONDS);
        });

        Received received = awaitReceived("alert-trace");

        assertThat(received.event()).isEqualTo(issued);
        assertThat(received.headers())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.TYPE, "alert.issued.v1")
                .containsEntry(CloudEventHeaders.SOURCE, "/ssn/alert-service")
                .containsEntry(CloudEventHeaders.SUBJECT, "alert-trace")
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME)
                .doesNotContainKeys("__TypeId__", "spring_json_header_types");
        assertThat(Instant.parse(received.headers().get(CloudEventHeaders.TIME)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(received.headers().get(CloudEventHeaders.TRACEPARENT)).contains(traceId[0]);
        assertThat(received.traceId()).isEqualTo(traceId[0]);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String key = "alert-poison";
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            ProducerRecord<String, byte[]> badJson =
                    new ProducerRecord<>("alerts", key, "{\"alertId\": ".getBytes(StandardCharsets.UTF_8));
            badJson.headers().add(CloudEventHeaders.TYPE, "alert.issued.v1".getBytes(StandardCharsets.UTF_8));
            raw.send(badJson).get(10, TimeUnit.SECONDS);
            ProducerRecord<String, byte[]> noType =
                    new ProducerRecord<>("alerts", key, "{}".getBytes(StandardCharsets.UTF_8));
            raw.send(noType).get(10, TimeUnit.SECONDS);
            ProducerRecord<String, byte[]> unknownType =
                    new ProducerRecord<>("alerts", key, "{}".getBytes(StandardCharsets.UTF_8));
            unknownType.headers().add(CloudEventHeaders.TYPE, "alert.teleported.v9".getBytes(StandardCharsets.UTF_8));
            raw.send(unknownType).get(10, TimeUnit.SECONDS);
        }
        AlertIssued after = alert(key, "Lockdown lifted at Rock Bridge High School");
        publishing
                .getBean(EventPublisher.class)
                .publish(Topics.ALERTS, key, after)
                .get(10, TimeUnit.SECONDS);

        assertThat(awaitReceived(key).event()).isEqualTo(after);
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(3);
        assertThat(dead).extracting(ConsumerRecord::key).containsOnly(key);
        assertThat(dead)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"alertId\": ", "{}", "{}");
        assertThat(dead)
                .allSatisfy(r -> assertThat(r.headers().lastHeader("kafka_dlt-exception-message"))
                        .isNotNull());
    }

    @Test
    void recordTheListenerKeepsRefusingGoesToTheDeadLetterTopicAfterBoundedRetries() throws Exception {
        String key = "alert-refused";
        EventPublisher publisher = publishing.getBean(EventPublisher.class);
        publisher.publish(Topics.ALERTS, key, alert(key, "REFUSE this one")).get(10, TimeUnit.SECONDS);
        AlertIssued after = alert(key, "Bus routes delayed by ice on US-63");
        publisher.publish(Topics.ALERTS, key, after).get(10, TimeUnit.SECONDS);

        assertThat(awaitReceived(key).event()).isEqualTo(after);
        List<ConsumerRecord<String, byte[]>> dead =
                readDeadLetters(1).stream().filter(r -> key.equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(new String(
                        dead.getFirst()
                                .headers()
                                .lastHeader(CloudEventHeaders.TYPE)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("alert.issued.v1");
        assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8)).contains("REFUSE this one");
    }

    private static AlertIssued alert(String id, String headline) {
        return new AlertIssued(
                id,
                "urn:ssn:alert:" + id,
                "cesa@schoolsafety.example",
                Instant.parse("2026-11-28T14:05:00Z"),
                AlertStatus.ACTUAL,
                new AlertInfo(
                        "Safety",
                        "Shelter in place",
                        "Immediate",
                        "Severe",
                        "Observed",
                        headline,
                        "A tornado warning is in effect.",
                        "Move students to interior rooms.",
                        null),
                new Audience(false, List.of(), List.of("29019"), List.of(), List.of(), List.of()));
    }

    private Received awaitReceived(String key) throws InterruptedException {
        AlertsListener listener = listening.getBean(AlertsListener.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Received next = listener.received.poll(500, TimeUnit.MILLISECONDS);
            if (next != null && key.equals(next.key())) {
                return next;
            }
        }
        throw new AssertionError("listener did not receive " + key + " within 30 s");
    }

    /** Every record on alerts-dlt so far, once at least {@code atLeast} have arrived (30 s at most). */
    private List<ConsumerRecord<String, byte[]>> readDeadLetters(int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of("alerts-dlt"));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            return records.stream()
                    .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                    .collect(Collectors.toList());
        }
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
