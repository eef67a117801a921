package org.schoolsafety.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A small Missouri for alert tests, published on {@code directory} as subscription-service would, and the
 * means to call the API and read what the service put on its topics.
 */
public final class AlertTestSupport {

    public static final String STATE = "mo-state";
    public static final String CENTRAL = "mo-region-central";
    public static final String BOONE = "mo-county-boone";
    public static final String BOONE_FIPS = "29019";
    public static final String COLUMBIA = "mo-district-columbia-93";
    public static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";
    public static final String HICKMAN = "mo-school-david-h-hickman-high";
    public static final String BATTLE = "mo-school-battle-high";
    public static final String JACKSON = "mo-county-jackson";
    public static final String KANSAS_CITY = "mo-district-kansas-city-33";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AlertTestSupport() {}

    /** Boone County (Columbia with three high schools) and Jackson County (Kansas City), under one region. */
    public static List<OrganisationChanged> directory() {
        Instant at = Instant.parse("2026-01-05T12:00:00Z");
        return List.of(
                new OrganisationChanged(STATE, OrganisationKind.STATE, "Missouri", null, null, null, false, null, at),
                new OrganisationChanged(
                        CENTRAL, OrganisationKind.REGION, "Central", STATE, null, null, false, null, at),
                new OrganisationChanged(
                        BOONE, OrganisationKind.COUNTY, "Boone County", CENTRAL, BOONE_FIPS, "029019", false, null, at),
                new OrganisationChanged(
                        COLUMBIA, OrganisationKind.DISTRICT, "Columbia 93", BOONE, BOONE_FIPS, null, false, null, at),
                new OrganisationChanged(
                        ROCK_BRIDGE,
                        OrganisationKind.SCHOOL,
                        "Rock Bridge Sr. High",
                        COLUMBIA,
                        BOONE_FIPS,
                        null,
                        false,
                        null,
                        at),
                new OrganisationChanged(
                        HICKMAN,
                        OrganisationKind.SCHOOL,
                        "David H. Hickman High",
                        COLUMBIA,
                        BOONE_FIPS,
                        null,
                        false,
                        null,
                        at),
                new OrganisationChanged(
                        BATTLE, OrganisationKind.SCHOOL, "Battle High", COLUMBIA, BOONE_FIPS, null, false, null, at),
                new OrganisationChanged(
                        JACKSON,
                        OrganisationKind.COUNTY,
                        "Jackson County",
                        CENTRAL,
                        "29095",
                        "029095",
                        false,
                        null,
                        at),
                new OrganisationChanged(
                        KANSAS_CITY,
                        OrganisationKind.DISTRICT,
                        "Kansas City 33",
                        JACKSON,
                        "29095",
                        null,
                        false,
                        null,
                        at));
    }

    /** Publishes the directory and waits until the service's view of it has every organisation. */
    public static void publishDirectory(
            KafkaTemplate<String, Object> template, org.schoolsafety.alert.area.OrganisationDirectory view) {
        publishDirectory(template);
        org.awaitility.Awaitility.await("alert-service's view of the directory")
                .atMost(Duration.ofSeconds(20))
                .until(() -> view.size() == directory().size());
    }

    public static void publishDirectory(KafkaTemplate<String, Object> template) {
        EventPublisher publisher = new EventPublisher(template);
        template.executeInTransaction(operations -> {
            directory().forEach(o -> publisher.publish(Topics.DIRECTORY, o.organisationId(), o));
            return null;
        });
    }

    public static HttpResponse<String> call(
            int port,
            String method,
            String path,
            String token,
            String contentType,
            String body,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record on a topic so far, as key and value, read committed. */
    public static List<Map.Entry<String, Object>> records(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Map.Entry<String, Object>> values = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(Map.entry(record.key(), record.value()));
                }
            }
        }
        return values;
    }
}
