package org.schoolsafety.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.alert.AlertTestSupport.COLUMBIA;
import static org.schoolsafety.alert.AlertTestSupport.STATE;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.schoolsafety.alert.AlertTestSupport;
import org.schoolsafety.alert.area.OrganisationDirectory;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Redis loses everything; the service reads the {@code alerts} topic again, as it does on every start, and the
 * issued alerts are back: what they say, their CAP messages, cancelled as cancelled, and they can be updated on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AlertRecoveryIT {

    private final String broadcaster = TestIssuer.shared().token(STATE, "STATE_BROADCASTER");

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private OrganisationDirectory directory;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private AlertsTopicView alerts;

    @Test
    void issuedAlertsComeBackFromTheAlertsTopicAfterRedisIsLost() throws Exception {
        AlertTestSupport.publishDirectory(template, directory);
        String updated = issue();
        assertThat(call("POST", "/api/alerts/" + updated + "/update", info("Stay inside."))
                        .statusCode())
                .isEqualTo(200);
        String cancelled = issue();
        assertThat(call("POST", "/api/alerts/" + cancelled + "/cancel", "{\"note\":\"Over.\"}")
                        .statusCode())
                .isEqualTo(200);

        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        assertThat(call("GET", "/api/alerts/" + updated, null).statusCode()).isEqualTo(404);
        alerts.stop();
        alerts.start();

        DocumentContext back = json(call("GET", "/api/alerts/" + updated, null));
        assertThat(back.read("$.state", String.class)).isEqualTo("ISSUED");
        assertThat(back.read("$.info.instruction", String.class)).isEqualTo("Stay inside.");
        assertThat(back.read("$.messages[*].msgType", java.util.List.class)).containsExactly("Alert", "Update");
        assertThat(back.read("$.scope", String.class)).as("the safe choice").isEqualTo("Restricted");
        assertThat(back.read("$.area.organisationIds", java.util.List.class)).containsExactly(COLUMBIA);

        assertThat(json(call("GET", "/api/alerts/" + cancelled, null)).read("$.state", String.class))
                .isEqualTo("CANCELLED");

        DocumentContext again = json(call("POST", "/api/alerts/" + updated + "/update", info("Go home.")));
        assertThat(again.read("$.messages.length()", Integer.class)).isEqualTo(3);
        assertThat(again.read("$.messages[2].notificationId", String.class)).isEqualTo(updated + "-m3");
    }

    private String issue() throws Exception {
        String body = """
                {"status":"Exercise","info":%s,"area":{"organisationIds":["%s"]}}
                """.formatted(info("Lock doors."), COLUMBIA);
        String id = JsonPath.read(call("POST", "/api/alerts", body).body(), "$.id");
        assertThat(call("POST", "/api/alerts/" + id + "/issue", null).statusCode())
                .isEqualTo(200);
        return id;
    }

    private static String info(String instruction) {
        return """
                {"category":"Security","event":"Lockdown","urgency":"Immediate","severity":"Severe",
                 "certainty":"Observed","headline":"Lockdown drill","description":"A planned drill.",
                 "instruction":"%s","expires":"%s"}
                """.formatted(
                        instruction, Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return AlertTestSupport.call(
                port, method, path, broadcaster, body == null ? null : "application/json", body, Map.of());
    }

    private static DocumentContext json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }
}
