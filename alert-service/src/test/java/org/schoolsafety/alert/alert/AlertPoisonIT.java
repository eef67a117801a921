package org.schoolsafety.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.alert.AlertTestSupport.COLUMBIA;
import static org.schoolsafety.alert.AlertTestSupport.STATE;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.schoolsafety.alert.AlertTestSupport;
import org.schoolsafety.alert.area.OrganisationDirectory;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicViewsHealth;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.kafka.TopicBytes;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Issue 26: the {@code alerts} topic holds a record that does not parse and an alert whose CAP identifier does not
 * end in its message number, which the view cannot rebuild; the {@code directory} topic holds a record that does
 * not parse. Started again on a wiped Redis, the views start, the alerts issued before and after come back, and
 * the bad records are on the dead-letter topics, counted and shown in health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AlertPoisonIT {

    private static final String UNREADABLE = "alert-unreadable";
    private static final String UNAPPLIABLE = "alert-unnumbered";

    private final String broadcaster = TestIssuer.shared().token(STATE, "STATE_BROADCASTER");

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private OrganisationDirectory directory;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private AlertsTopicView alerts;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TopicViewsHealth health;

    @Test
    void viewsStartAroundRecordsTheyCannotApplyAndServeTheRest() throws Exception {
        AlertTestSupport.publishDirectory(template, directory);
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        String before = issue();
        TopicBytes.write(
                bootstrap,
                "alerts",
                UNREADABLE,
                utf8("{\"alertId\": no json"),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ALERT_ISSUED.name()));
        TopicBytes.write(
                bootstrap,
                "alerts",
                UNAPPLIABLE,
                unnumbered(bootstrap, before),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ALERT_ISSUED.name()));
        TopicBytes.write(
                bootstrap,
                "directory",
                "mo-school-unreadable",
                utf8("not json at all"),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ORGANISATION_CHANGED.name()));
        String after = issue();

        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        alerts.stop();
        directory.stop();
        directory.start();
        alerts.start();

        assertThat(alerts.isRunning()).isTrue();
        assertThat(directory.find(COLUMBIA))
                .as("the directory around its bad record")
                .isPresent();
        assertThat(json(call("GET", "/api/alerts/" + before)).read("$.state", String.class))
                .isEqualTo("ISSUED");
        assertThat(json(call("GET", "/api/alerts/" + after)).read("$.state", String.class))
                .isEqualTo("ISSUED");

        assertThat(skipped("alerts", "alert-service-alerts")).isEqualTo(2.0);
        assertThat(skipped("directory", "alert-service-directory")).isEqualTo(1.0);
        Map<String, Object> details = health.health().getDetails();
        assertThat(details.get("alert-service-alerts").toString()).contains("skipped=2", "topic=alerts");
        assertThat(details.get("alert-service-directory").toString()).contains("skipped=1", "key=mo-school-unreadable");
        assertThat(deadLetters(bootstrap, "alerts-dlt"))
                .contains(UNREADABLE + " alert-service-alerts", UNAPPLIABLE + " alert-service-alerts");
        assertThat(deadLetters(bootstrap, "directory-dlt")).contains("mo-school-unreadable alert-service-directory");
    }

    /** The issue record of {@code alertId} as another alert whose identifier has no message number. */
    private static byte[] unnumbered(String bootstrap, String alertId) {
        ConsumerRecord<String, byte[]> issued = TopicBytes.readAll(bootstrap, "alerts").stream()
                .filter(record -> alertId.equals(record.key()))
                .findFirst()
                .orElseThrow();
        return utf8(JsonPath.parse(new String(issued.value(), StandardCharsets.UTF_8))
                .set("$.alertId", UNAPPLIABLE)
                .set("$.identifier", "no-message-number")
                .jsonString());
    }

    private double skipped(String topic, String view) {
        return meters.get(SkippedRecords.METRIC)
                .tags("topic", topic, "view", view)
                .counter()
                .count();
    }

    private static List<String> deadLetters(String bootstrap, String topic) {
        List<String> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> letter : TopicBytes.readAll(bootstrap, topic)) {
            letters.add(letter.key() + " " + TopicBytes.header(letter, SkippedRecords.VIEW_HEADER));
        }
        return letters;
    }

    private String issue() throws Exception {
        String body = """
                {"status":"Exercise","info":%s,"area":{"organisationIds":["%s"]}}
                """.formatted(info(), COLUMBIA);
        HttpResponse<String> drafted =
                AlertTestSupport.call(port, "POST", "/api/alerts", broadcaster, "application/json", body, Map.of());
        String id = JsonPath.read(drafted.body(), "$.id");
        assertThat(AlertTestSupport.call(
                                port, "POST", "/api/alerts/" + id + "/issue", broadcaster, null, null, Map.of())
                        .statusCode())
                .isEqualTo(200);
        return id;
    }

    private static String info() {
        return """
                {"category":"Security","event":"Lockdown","urgency":"Immediate","severity":"Severe",
                 "certainty":"Observed","headline":"Lockdown drill","description":"A planned drill.",
                 "instruction":"Lock doors.","expires":"%s"}
                """.formatted(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return AlertTestSupport.call(port, method, path, broadcaster, null, null, Map.of());
    }

    private static DocumentContext json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
