package org.schoolsafety.bulletin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import org.schoolsafety.testing.tokens.TestIssuer;

/** The service's HTTP API and topics as the integration tests use them: tokens, calls, and records read back. */
public final class BulletinApi {

    public static final String STATE = "mo-state";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;

    public BulletinApi(int port) {
        this.port = port;
    }

    public static String editor() {
        return TestIssuer.shared().token(STATE, "STATE_EDITOR");
    }

    public static String school() {
        return TestIssuer.shared().token("mo-school-battle-high", "SCHOOL_COORDINATOR");
    }

    /** The Monday of this week in America/Chicago, plus {@code weeks}. */
    public static LocalDate monday(int weeks) {
        return LocalDate.now(ZoneId.of("America/Chicago"))
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .plusWeeks(weeks);
    }

    /** A complete bulletin body for the week {@code weekOf}, titled {@code title}. */
    public static String body(LocalDate weekOf, String title) {
        return """
                {"weekOf":"%s","title":"%s","tlp":"CLEAR",
                 "sections":[
                   {"kind":"this-week","markdown":"Severe weather drills are **this Thursday**. See [the guide](https://dese.mo.gov/drills)."},
                   {"kind":"cyber-corner","markdown":"Phishing emails claiming to be from payroll are going around.\\n\\n<script>alert(1)</script>"},
                   {"kind":"tabletop-exercises","heading":"Tabletop exercises","markdown":"- Reunification\\n- Lockdown"}],
                 "items":[{"title":"School safety summit","startsAt":"%sT15:00:00Z","endsAt":"%sT22:00:00Z",
                   "place":"Jefferson City","registrationUrl":"https://dese.mo.gov/summit"}],
                 "links":[{"title":"Missouri School Safety Center","url":"https://dese.mo.gov/safety"}]}
                """.formatted(weekOf, title, weekOf.plusDays(2), weekOf.plusDays(2));
    }

    public HttpResponse<String> call(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, body, Map.of());
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
