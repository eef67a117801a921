package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import org.schoolsafety.platform.kafka.CloudEventSerializer;
import org.schoolsafety.systemtests.LocalStackProcess;

/**
 * {@code bench.audience}: how long subscription-service takes to resolve a statewide urgent alert over a
 * directory of {@code bench.endpoints} endpoints (default 10,000) and publish one delivery request each. The
 * whole platform runs from the local stack with the seeded Missouri directory (delivery-service's webhook
 * consumers paused, so that only the expansion is measured); the endpoints are spread over
 * its districts and schools (about 60% email, 30% SMS, 10% webhooks), verified and subscribed to urgent
 * alerts, written to the {@code directory} topic as the API and verification would leave them. Each round
 * publishes a statewide notification and waits, as a read-committed consumer, for its
 * {@code notification.expanded.v1}: that record commits in the same transaction as every delivery request, so
 * {@code resolve_ms} is from publishing the notification until all requests are readable. {@code commit_ms}
 * (median) is the part after the expansion's last send: from the count record's creation time until it was read
 * (the commit, its transaction markers and the fetch; same machine, same clock).
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl system-tests -am verify -Dbench=audience}. Settings:
 * {@code bench.endpoints} (10000), {@code bench.rounds} measured rounds (5), {@code bench.warmup-rounds} before
 * them (20).
 */
@EnabledIfSystemProperty(named = "bench", matches = "audience")
class AudienceBench {

    @Test
    void statewideExpansion() throws Exception {
        int endpoints = Integer.getInteger("bench.endpoints", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int warmUpRounds = Integer.getInteger("bench.warmup-rounds", 20);
        try (LocalStackProcess stack = LocalStackProcess.start(
                Duration.ofSeconds(300),
                // the expansion alone: delivery-service leaves the requests on the lanes meanwhile
                Map.of(
                        "SSN_SERVICE_JIT",
                        "full",
                        "SSN_DELIVERY_WEBHOOKS_ENABLED",
                        "false",
                        // the email and SMS adapters would compete for the CPU too
                        "SSN_DELIVERY_EMAIL_ENABLED",
                        "false",
                        "SSN_DELIVERY_SMS_ENABLED",
                        "false"))) {
            String bootstrap = stack.kafkaBootstrap();
            List<String> organisations = seededOrganisations();
            writeEndpoints(bootstrap, stack.sinkUrl(), organisations, endpoints);

            try (KafkaProducer<String, Object> producer = producer(bootstrap);
                    KafkaConsumer<String, Object> consumer = consumer(bootstrap)) {
                // the view follows the topic: wait until a notification reaches every endpoint, which also warms up
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                int reached = 0;
                while (reached < endpoints && System.nanoTime() < deadline) {
                    reached = round(producer, consumer).expanded().expected();
                }
                assertThat(reached).as("endpoints the view holds").isEqualTo(endpoints);
                for (int warm = 0; warm < warmUpRounds; warm++) {
                    round(producer, consumer);
                }
                double[] millis = new double[rounds];
                long[] commitMillis = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    Round round = round(producer, consumer);
                    assertThat(round.expanded().expected()).isEqualTo(endpoints);
                    millis[i] = round.millis();
                    commitMillis[i] = round.commitMillis();
                }
                Arrays.sort(millis);
                Arrays.sort(commitMillis);
                double median = millis[rounds / 2];
                System.out.printf(
                        Locale.ROOT,
                        "bench.audience endpoints=%d resolve_ms=%.1f records_per_s=%.0f rounds=%d min_ms=%.1f"
                                + " max_ms=%.1f commit_ms=%d%n",
                        endpoints,
                        median,
                        endpoints / (median / 1000.0),
                        rounds,
                        millis[0],
                        millis[rounds - 1],
                        commitMillis[rounds / 2]);
            }
        }
    }

    /**
     * @param commitMillis from the count record's creation (stamped by subscription-service's producer as the
     *     expansion's last send, before its commit) until this consumer read it: commit, transaction markers, fetch
     */
    record Round(NotificationExpanded expanded, double millis, long commitMillis) {}

    private static Round round(KafkaProducer<String, Object> producer, KafkaConsumer<String, Object> consumer)
            throws Exception {
        String id = "bench-" + UUID.randomUUID();
        NotificationRequested notification = new NotificationRequested(
                id,
                Feed.URGENT_ALERTS,
                Lane.URGENT,
                "alert",
                "bench-alert",
                false,
                null,
                null,
                Audience.everyone(),
                new Message("Benchmark: statewide alert", "A benchmark of audience resolution.", null),
                Instant.now());
        long began = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(), id, notification))
                .get();
        long deadline = began + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.value() instanceof NotificationExpanded expanded
                        && expanded.notificationId().equals(id)) {
                    return new Round(
                            expanded,
                            (System.nanoTime() - began) / 1e6,
                            System.currentTimeMillis() - record.timestamp());
                }
            }
        }
        throw new AssertionError(id + " was not expanded within 60 s");
    }

    /** Districts with a county and the schools linked to them: the organisations the seed publishes. */
    private static List<String> seededOrganisations() throws IOException {
        Path data = LocalStackProcess.projectDir().resolve("subscription-service/src/main/resources/directory/mo");
        List<String> ids = new ArrayList<>();
        java.util.Set<String> districts = new java.util.LinkedHashSet<>();
        List<String> districtRows = Files.readAllLines(data.resolve("districts.csv"));
        for (String line : districtRows.subList(1, districtRows.size())) {
            String[] fields = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (!fields[2].isBlank()) {
                districts.add(fields[0]);
            }
        }
        ids.addAll(districts);
        for (String line : Files.readAllLines(data.resolve("schools.csv"))) {
            String[] fields = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (fields.length > 2 && districts.contains(fields[2])) {
                ids.add(fields[0]);
            }
        }
        return ids;
    }

    private static void writeEndpoints(String bootstrap, String sinkUrl, List<String> organisations, int count)
            throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, Object> producer = producer(bootstrap)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = "ep-bench-" + i;
                Channel channel = i % 10 == 9 ? Channel.WEBHOOK : i % 10 >= 6 ? Channel.SMS : Channel.EMAIL;
                String address = switch (channel) {
                    case EMAIL -> "contact" + i + "@school.example";
                    case SMS -> String.format(Locale.ROOT, "+1573%07d", 2_000_000 + i);
                    case WEBHOOK -> sinkUrl + "/webhooks/bench-" + i;
                };
                EndpointChanged endpoint = new EndpointChanged(
                        id,
                        organisations.get(i % organisations.size()),
                        channel,
                        address,
                        null,
                        channel == Channel.WEBHOOK ? PayloadFormat.JSON : null,
                        channel == Channel.WEBHOOK
                                ? List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now, null))
                                : List.of(),
                        List.of(Feed.URGENT_ALERTS),
                        false,
                        null,
                        true,
                        false,
                        false,
                        now);
                sent.add(producer.send(new ProducerRecord<>(Topics.DIRECTORY.name(), id, endpoint)));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        }
    }

    private static KafkaProducer<String, Object> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new StringSerializer(), new CloudEventSerializer());
    }

    /** Reads the notifications topic from its end, read committed, as a sender awaiting its count would. */
    private static KafkaConsumer<String, Object> consumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, Object> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
