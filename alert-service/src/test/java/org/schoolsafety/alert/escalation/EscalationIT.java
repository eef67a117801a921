package org.schoolsafety.alert.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.alert.AlertTestSupport.COLUMBIA;
import static org.schoolsafety.alert.AlertTestSupport.HICKMAN;
import static org.schoolsafety.alert.AlertTestSupport.ROCK_BRIDGE;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.alert.AlertServiceFixture;
import org.schoolsafety.alert.area.OrganisationDirectory;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Escalation on a real broker and Redis, with the watch's times shortened to seconds: a school that was reached
 * and stays silent is escalated to its SMS numbers, then to its district office, once each; a school that
 * acknowledged is not; an exercise never is.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.alert.escalation.school-after=2s",
            "ssn.alert.escalation.district-after=4s",
            "ssn.alert.escalation.every=500ms"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationIT {

    private final String broadcaster = AlertServiceFixture.broadcaster();

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private OrganisationDirectory directory;

    private AlertServiceFixture fixture;

    @BeforeAll
    void theDirectoryIsPublished() {
        fixture = new AlertServiceFixture(port, bootstrap, template);
        fixture.publishDirectory(directory);
    }

    @Test
    void aSilentSchoolIsEscalatedToItsSmsNumbersThenItsDistrictOnceEachAndAnAcknowledgedOneIsNot() throws Exception {
        String actual = issue("Actual");
        String exercise = issue("Exercise");
        for (String alert : List.of(actual, exercise)) {
            String notification = alert + "-m1";
            fixture.publish(
                    new DeliverySucceeded(
                            id(notification, "ep-rb"),
                            notification,
                            "ep-rb",
                            ROCK_BRIDGE,
                            Channel.EMAIL,
                            1,
                            null,
                            Instant.now()),
                    new DeliverySucceeded(
                            id(notification, "ep-hk"),
                            notification,
                            "ep-hk",
                            HICKMAN,
                            Channel.EMAIL,
                            1,
                            null,
                            Instant.now()),
                    new DeliveryAcknowledged(
                            id(notification, "ep-hk"), notification, "ep-hk", HICKMAN, "link", Instant.now()));
        }

        NotificationRequested toSchool = fixture.notification(actual + "-e1-" + ROCK_BRIDGE);
        assertThat(toSchool.audience().organisationIds()).containsExactly(ROCK_BRIDGE);
        assertThat(toSchool.audience().channels()).containsExactly(Channel.SMS);
        assertThat(toSchool.drill()).isFalse();
        assertThat(toSchool.message().subject()).startsWith("NOT YET ACKNOWLEDGED: ");
        assertThat(toSchool.message().sms())
                .startsWith("NOT YET ACKNOWLEDGED: ")
                .endsWith(" Acknowledge: " + org.schoolsafety.events.notification.Message.ACKNOWLEDGE_LINK);

        NotificationRequested toDistrict = fixture.notification(actual + "-e2-" + ROCK_BRIDGE);
        assertThat(toDistrict.audience().organisationIds()).containsExactly(COLUMBIA);
        assertThat(toDistrict.audience().organisationKinds()).containsExactly(OrganisationKind.DISTRICT);
        assertThat(toDistrict.message().text()).contains("Rock Bridge Sr. High has not acknowledged");

        // a few more looks of the watch: still one of each, none for the school that acknowledged or the exercise
        long looksLater = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() > looksLater);
        List<String> escalations = fixture.records(Topics.NOTIFICATIONS).stream()
                .map(Map.Entry::getKey)
                .filter(key -> key.contains("-e"))
                .filter(key -> key.startsWith(actual) || key.startsWith(exercise))
                .toList();
        assertThat(escalations).containsExactlyInAnyOrder(actual + "-e1-" + ROCK_BRIDGE, actual + "-e2-" + ROCK_BRIDGE);

        List<String> audited = fixture.records(Topics.AUDIT).stream()
                .map(r -> (AuditRecorded) r.getValue())
                .filter(a -> a.target().startsWith("alert/" + actual + "/"))
                .map(a -> a.action() + " " + a.target())
                .toList();
        assertThat(audited)
                .containsExactly(
                        "alert.escalate.school alert/" + actual + "/organisation/" + ROCK_BRIDGE,
                        "alert.escalate.district alert/" + actual + "/organisation/" + ROCK_BRIDGE);

        HttpResponse<String> status = fixture.call("GET", "/api/alerts/" + actual + "/status", broadcaster, null);
        assertThat(JsonPath.<List<String>>read(status.body(), "$.escalations[*].step"))
                .containsExactly("SCHOOL", "DISTRICT");
        assertThat(JsonPath.<List<Integer>>read(
                        status.body(), "$.organisations[?(@.organisationId=='" + HICKMAN + "')].acknowledged"))
                .containsExactly(1);
    }

    private String issue(String status) throws Exception {
        String body = """
                {"status":"%s","info":{"category":"Safety","event":"Gas leak","urgency":"Immediate",
                 "severity":"Severe","certainty":"Observed","headline":"Gas leak near Columbia schools",
                 "description":"A gas main broke.","instruction":"Evacuate upwind.","expires":"%s"},
                 "area":{"organisationIds":["%s"]}}
                """.formatted(
                        status, Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), COLUMBIA);
        return fixture.issue(broadcaster, body);
    }

    private static String id(String notificationId, String endpointId) {
        return DeliveryIds.of(notificationId, endpointId);
    }
}
