package org.schoolsafety.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.testing.kafka.TopicBytes;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A view started on a topic holding a record that does not parse, a record the view refuses and a record whose
 * store is briefly unreachable: it starts, applies everything else (the last one once its store is back), and
 * skips the first two onto the dead-letter topic, counted and shown in health; the same while following.
 */
@EmbeddedKafka(
        partitions = 1,
        topics = {"directory", "directory-dlt"},
        brokerProperties = {"auto.create.topics.enable=false"})
class TopicViewSkipIT {

    private static final String VIEW = "test-directory-view";

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultKafkaProducerFactory<String, Object> producers = new DefaultKafkaProducerFactory<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class));
    private final KafkaTemplate<String, Object> template = new KafkaTemplate<>(producers);
    private final SkippedRecords skipped = new SkippedRecords(template, meters);
    private RecordingView view;

    @AfterEach
    void stop() {
        if (view != null) {
            view.stop();
        }
        producers.destroy();
    }

    @Test
    void oneRecordCannotStopAViewFromStartingOrFollowing() throws Exception {
        send("good-1", "Boone County");
        TopicBytes.write(
                broker.getBrokersAsString(),
                "directory",
                "unreadable",
                "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ORGANISATION_CHANGED.name()));
        send("poison", "poison");
        send("flaky", "flaky");
        template.send("directory", "gone", null).get();
        send("good-2", "Jackson County");

        view = new RecordingView(consumers(), skipped);
        view.start();

        assertThat(view.isRunning()).isTrue();
        assertThat(view.applied).contains("good-1", "flaky", "good-2").doesNotContain("poison", "unreadable");
        assertThat(view.tombstones).containsExactly("gone");
        assertThat(view.flakyAttempts.get()).as("retried through the outage").isGreaterThan(2);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(deadLetters()).containsExactlyInAnyOrder("unreadable " + VIEW, "poison " + VIEW));
        assertThat(skippedCount()).isEqualTo(2.0);
        Map<String, Object> health = new TopicViewsHealth(skipped).health().getDetails();
        assertThat(health).containsKey(VIEW);
        assertThat(health.get(VIEW).toString()).contains("skipped=2", "key=poison", "topic=directory");

        send("poison-2", "poison");
        send("good-3", "Cole County");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(view.applied).contains("good-3"));
        assertThat(view.applied).doesNotContain("poison-2");
        assertThat(skippedCount()).isEqualTo(3.0);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deadLetters()).contains("poison-2 " + VIEW));
    }

    private double skippedCount() {
        return meters.get(SkippedRecords.METRIC)
                .tags("topic", "directory", "view", VIEW)
                .counter()
                .count();
    }

    private List<String> deadLetters() {
        List<String> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicBytes.readAll(broker.getBrokersAsString(), "directory-dlt")) {
            letters.add(record.key() + " " + TopicBytes.header(record, SkippedRecords.VIEW_HEADER));
        }
        return letters;
    }

    private void send(String key, String name) throws Exception {
        template.send(
                        "directory",
                        key,
                        new OrganisationChanged(
                                key, OrganisationKind.COUNTY, name, null, null, null, false, null, Instant.now()))
                .get();
    }

    private DefaultKafkaConsumerFactory<String, Object> consumers() {
        return new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class));
    }

    /** Refuses the organisation named "poison" for good; the one named "flaky" meets its store down twice. */
    private static final class RecordingView extends TopicView {

        final Set<String> applied = ConcurrentHashMap.newKeySet();
        final Set<String> tombstones = ConcurrentHashMap.newKeySet();
        final AtomicInteger flakyAttempts = new AtomicInteger();

        RecordingView(DefaultKafkaConsumerFactory<String, Object> consumers, SkippedRecords skipped) {
            super(consumers, skipped, "directory", VIEW);
        }

        @Override
        protected void apply(ConsumerRecords<String, Object> batch) {
            for (ConsumerRecord<String, Object> record : batch) {
                if (record.value() == null) {
                    tombstones.add(record.key());
                } else if (record.value() instanceof OrganisationChanged organisation) {
                    if (organisation.name().equals("poison")) {
                        throw new IllegalArgumentException("refused");
                    }
                    if (organisation.name().equals("flaky") && flakyAttempts.incrementAndGet() <= 2) {
                        throw new RedisConnectionFailureException("store down");
                    }
                    applied.add(record.key());
                }
            }
        }
    }
}
