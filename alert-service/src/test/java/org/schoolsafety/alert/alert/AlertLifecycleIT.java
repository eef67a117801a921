package org.schoolsafety.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.alert.AlertTestSupport.BOONE_FIPS;
import static org.schoolsafety.alert.AlertTestSupport.COLUMBIA;
import static org.schoolsafety.alert.AlertTestSupport.KANSAS_CITY;
import static org.schoolsafety.alert.AlertTestSupport.ROCK_BRIDGE;
import static org.schoolsafety.alert.AlertTestSupport.STATE;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.schoolsafety.alert.cap.CapMessage;
import org.schoolsafety.alert.cap.CapXml;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertCancelled;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertUpdated;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The life of an alert on a real broker and Redis, through the service's HTTP API: what goes on {@code alerts},
 * {@code notifications} and {@code audit} at each step, the two-person rule, idempotent creation, and the problem
 * details that bad input gets.
 *
 * <p>Long because it tells the whole story of an alert on one started service; the shared setup is
 * {@link AlertServiceFixture}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ssn.alert.approval-above=3", "ssn.links.base-url=https://alerts.test.example"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertLifecycleIT {

    private final String broadcaster = AlertServiceFixture.broadcaster();
    private final String broadcastingApprover = AlertServiceFixture.token(STATE, "STATE_BROADCASTER", "STATE_APPROVER");
    private final String approver = AlertServiceFixture.token(STATE, "STATE_APPROVER");

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private OrganisationDirectory directory;

    @Autowired
    private SignedLinks links;

    private AlertServiceFixture fixture;

    @BeforeAll
    void theDirectoryIsPublished() {
        fixture = new AlertServiceFixture(port, bootstrap, template);
        fixture.publishDirectory(directory);
    }

    @Test
    void anExerciseForOneDistrictIsIssuedAtOnceAndSaysItIsADrillOnEveryChannel() throws Exception {
        DocumentContext draft =
                json(create(broadcaster, alert("Exercise", "\"organisationIds\":[\"" + COLUMBIA + "\"]")), 201);
        String id = draft.read("$.id");
        assertThat(draft.read("$.state", String.class)).isEqualTo("DRAFT");
        assertThat(draft.read("$.needsApproval", Boolean.class)).isFalse();
        assertThat(draft.read("$.organisations", Integer.class)).isEqualTo(4);

        DocumentContext issued = json(post(broadcaster, "/api/alerts/" + id + "/issue", null), 200);
        assertThat(issued.read("$.state", String.class)).isEqualTo("ISSUED");

        NotificationRequested notification = notification(id + "-m1");
        assertThat(notification.lane()).isEqualTo(Lane.URGENT);
        assertThat(notification.drill()).isTrue();
        assertThat(notification.audience().organisationIds()).containsExactly(COLUMBIA);
        assertThat(notification.message().subject()).startsWith("EXERCISE - ");
        assertThat(notification.message().text()).contains("THIS IS AN EXERCISE");
        assertThat(notification.message().html()).contains("THIS IS AN EXERCISE");
        // the recipient's own acknowledgement link goes where the placeholder is, and still fits two segments
        assertThat(notification.message().sms())
                .isEqualTo("EXERCISE - Lockdown drill at Columbia schools Acknowledge: " + Message.ACKNOWLEDGE_LINK);
        String filled = notification
                .message()
                .sms()
                .replace(
                        Message.ACKNOWLEDGE_LINK,
                        "https://alerts.test.example/public/acknowledgements/"
                                + links.sign(
                                        "acknowledge",
                                        DeliveryIds.of(notification.notificationId(), "ep-1"),
                                        Duration.ofDays(30)));
        assertThat(filled).hasSizeLessThanOrEqualTo(306);
        CapMessage cap = CapXml.read(notification.message().capXml().getBytes(StandardCharsets.UTF_8));
        assertThat(cap.status()).isEqualTo("Exercise");
        assertThat(cap.msgType()).isEqualTo("Alert");
        assertThat(cap.identifier()).isEqualTo("MO-SSN-" + id + "-1");

        assertThat(latest(Topics.ALERTS, id)).isInstanceOf(AlertIssued.class);
        assertThat(audits(id)).containsExactly("alert.create allowed", "alert.issue allowed");
    }

    @Test
    void aStatewideActualAlertWaitsForASecondPersonWhoIsNotItsAuthor() throws Exception {
        String id = json(create(broadcastingApprover, alert("Actual", "\"statewide\":true")), 201)
                .read("$.id");
        DocumentContext submitted = json(post(broadcastingApprover, "/api/alerts/" + id + "/submit", null), 200);
        assertThat(submitted.read("$.state", String.class)).isEqualTo("AWAITING_APPROVAL");

        HttpResponse<String> early = post(broadcastingApprover, "/api/alerts/" + id + "/issue", null);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("second person");

        HttpResponse<String> byAuthor = post(broadcastingApprover, "/api/alerts/" + id + "/approve", null);
        assertThat(byAuthor.statusCode()).isEqualTo(403);
        assertThat(byAuthor.body()).contains("author");

        assertThat(json(post(approver, "/api/alerts/" + id + "/approve", null), 200)
                        .read("$.state", String.class))
                .isEqualTo("READY");
        DocumentContext issued = json(post(broadcastingApprover, "/api/alerts/" + id + "/issue", null), 200);
        assertThat(issued.read("$.approvedBy", String.class)).isEqualTo("test-mo-state-state_approver");
        assertThat(notification(id + "-m1").audience().statewide()).isTrue();
        assertThat(audits(id))
                .containsExactly(
                        "alert.create allowed",
                        "alert.submit allowed",
                        "alert.issue denied",
                        "alert.approve denied",
                        "alert.approve allowed",
                        "alert.issue allowed");
    }

    @Test
    void theSameIdempotencyKeyNeverCreatesTwoAlerts() throws Exception {
        String body = alert("Test", "\"organisationIds\":[\"" + ROCK_BRIDGE + "\"]");
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + System.nanoTime());
        String first =
                json(call("POST", "/api/alerts", broadcaster, body, key), 201).read("$.id");
        String second =
                json(call("POST", "/api/alerts", broadcaster, body, key), 201).read("$.id");
        assertThat(second).isEqualTo(first);

        HttpResponse<String> other =
                call("POST", "/api/alerts", broadcaster, body.replace("A planned", "An unplanned"), key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key");
    }

    @Test
    void anUpdateAndACancelGoToTheSameAudienceNameTheEarlierMessagesAndSayWhatChanged() throws Exception {
        String id = json(create(broadcaster, alert("Actual", "\"countyFips\":[\"" + BOONE_FIPS + "\"]")), 201)
                .read("$.id");
        // Boone County covers Columbia and its three schools: more than 3 needs approval
        json(post(broadcaster, "/api/alerts/" + id + "/submit", null), 200);
        json(post(approver, "/api/alerts/" + id + "/approve", null), 200);
        json(post(broadcaster, "/api/alerts/" + id + "/issue", null), 200);

        String newInfo = info("Move to the gym; buses are held.");
        DocumentContext updated = json(post(broadcaster, "/api/alerts/" + id + "/update", newInfo), 200);
        assertThat(updated.read("$.messages.length()", Integer.class)).isEqualTo(2);
        NotificationRequested update = notification(id + "-m2");
        assertThat(update.audience()).isEqualTo(notification(id + "-m1").audience());
        assertThat(update.message().subject()).startsWith("UPDATE: ");
        assertThat(update.message().text()).contains("New instruction: Move to the gym; buses are held.");
        AlertUpdated updatedEvent = (AlertUpdated) latest(Topics.ALERTS, id);
        assertThat(updatedEvent.references()).hasSize(1).first().asString().contains(",MO-SSN-" + id + "-1,");

        json(post(broadcaster, "/api/alerts/" + id + "/cancel", "{\"note\":\"All clear from Columbia police.\"}"), 200);
        NotificationRequested cancel = notification(id + "-m3");
        assertThat(cancel.audience()).isEqualTo(update.audience());
        assertThat(cancel.message().subject()).startsWith("CANCELLED: ");
        assertThat(cancel.message().text()).contains("This alert is over").contains("All clear from Columbia police.");
        CapMessage cap = CapXml.read(cancel.message().capXml().getBytes(StandardCharsets.UTF_8));
        assertThat(cap.msgType()).isEqualTo("Cancel");
        assertThat(cap.references().split(" ")).hasSize(2);
        AlertCancelled cancelled = (AlertCancelled) latest(Topics.ALERTS, id);
        assertThat(cancelled.references()).hasSize(2);

        HttpResponse<String> afterCancel = post(broadcaster, "/api/alerts/" + id + "/update", newInfo);
        assertThat(afterCancel.statusCode()).isEqualTo(409);
    }

    @Test
    void badInputGetsAProblemDetailThatNamesTheField() throws Exception {
        assertProblem(create(broadcaster, alert("Actual", "\"countyFips\":[\"29999\"]")), 400, "area.countyFips[0]");
        assertProblem(
                create(broadcaster, alert("Actual", "\"organisationIds\":[\"mo-district-nowhere\"]")),
                400,
                "area.organisationIds[0]");
        assertProblem(create(broadcaster, alert("Actual", "")), 400, "area");
        assertProblem(create(broadcaster, alert("Drill", "\"statewide\":true")), 400, "status");
        String past = alert("Actual", "\"statewide\":true")
                .replaceAll("\"expires\":\"[^\"]+\"", "\"expires\":\"2020-01-01T00:00:00Z\"");
        assertProblem(create(broadcaster, past), 400, "info.expires");
        String long_ = alert("Actual", "\"statewide\":true").replace("Lockdown drill", "x".repeat(161));
        assertProblem(create(broadcaster, long_), 400, "info.headline");
        String badDate =
                alert("Actual", "\"statewide\":true").replaceAll("\"expires\":\"[^\"]+\"", "\"expires\":\"tomorrow\"");
        assertProblem(create(broadcaster, badDate), 400, "info.expires");
        assertProblem(create(broadcaster, "{not json"), 400, null);
        assertProblem(post(broadcaster, "/api/alerts/nosuchalert1/issue", null), 404, null);
        assertProblem(post(broadcaster, "/api/alerts/nosuchalert1/update", info("x")), 404, null);
    }

    @Test
    void textThatCannotBecomeCapIsRefusedWhenSubmittedNeverWhenIssued() throws Exception {
        String area = "\"organisationIds\":[\"" + COLUMBIA + "\"]";
        String exercise = alert("Exercise", area);
        assertProblem(
                create(
                        broadcaster,
                        exercise.replace(
                                "{\"organisationIds\"", "{\"description\":\"Boone\\u0000\",\"organisationIds\"")),
                400,
                "area.description");
        assertProblem(
                create(
                        broadcaster,
                        exercise.replace(
                                "{\"organisationIds\"",
                                "{\"description\":\"" + "x".repeat(100_000) + "\",\"organisationIds\"")),
                400,
                "area.description");
        assertProblem(
                create(broadcaster, exercise.replace("A planned lockdown drill.", "A planned \\u202Edrill.")),
                400,
                "info.description");
        assertProblem(
                create(broadcaster, exercise.replaceAll("\"expires\":\"[^\"]+\"", "\"expires\":1e300")),
                400,
                "info.expires");

        String id = json(create(broadcaster, exercise), 201).read("$.id");
        json(post(broadcaster, "/api/alerts/" + id + "/issue", null), 200);
        for (String note : new String[] {"All\\u0000clear", "All\\u0007clear", "All\\ud800clear", "All\\u202Eclear"}) {
            assertProblem(
                    post(broadcaster, "/api/alerts/" + id + "/cancel", "{\"note\":\"" + note + "\"}"), 400, "note");
        }
        assertProblem(
                post(
                        broadcaster,
                        "/api/alerts/" + id + "/update",
                        info("Go to the gym.").replace("Lockdown drill at", "Lockdown\\u0001drill at")),
                400,
                "headline");
        // the body of an update is the info itself: the fields are named as the caller sent them
        assertProblem(
                post(broadcaster, "/api/alerts/" + id + "/update", info("Go to the gym\\ud800.")), 400, "instruction");
        assertProblem(post(broadcaster, "/api/alerts/" + id + "/cancel", "{\"note\":42}"), 400, "note");

        // none of that reached anyone, and the alert is still live to be called off properly
        assertThat(json(post(broadcaster, "/api/alerts/" + id + "/cancel", "{\"note\":\"All clear.\"}"), 200)
                        .read("$.messages.length()", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void onlyBroadcastersCreateAndDistrictsSeeOnlyTheAlertsThatReachedThem() throws Exception {
        String school = AlertServiceFixture.token(ROCK_BRIDGE, "SCHOOL_COORDINATOR");
        assertThat(create(school, alert("Actual", "\"statewide\":true")).statusCode())
                .isEqualTo(403);

        String id = json(create(broadcaster, alert("Exercise", "\"organisationIds\":[\"" + COLUMBIA + "\"]")), 201)
                .read("$.id");
        String draftId = json(create(broadcaster, alert("Exercise", "\"organisationIds\":[\"" + COLUMBIA + "\"]")), 201)
                .read("$.id");
        json(post(broadcaster, "/api/alerts/" + id + "/issue", null), 200);

        DocumentContext seen = json(call("GET", "/api/alerts/" + id, school, null, Map.of()), 200);
        assertThat(seen.read("$.author", String.class)).isNull();
        assertThat(call("GET", "/api/alerts/" + draftId, school, null, Map.of()).statusCode())
                .isEqualTo(404);
        String kansasCity = AlertServiceFixture.token(KANSAS_CITY, "DISTRICT_ADMIN");
        assertThat(call("GET", "/api/alerts/" + id, kansasCity, null, Map.of()).statusCode())
                .isEqualTo(404);
        List<String> listed = JsonPath.read(
                call("GET", "/api/alerts", kansasCity, null, Map.of()).body(), "$[*].id");
        assertThat(listed).doesNotContain(id, draftId);
    }

    @Test
    void aPreApprovedTemplateGoesOutAtOnceFromOneBroadcaster() throws Exception {
        HttpResponse<String> sent = post(
                broadcaster,
                "/api/alerts/templates/lockdown/issue",
                "{\"area\":{\"organisationIds\":[\"" + ROCK_BRIDGE + "\"]}}");
        DocumentContext alert = json(sent, 201);
        assertThat(alert.read("$.state", String.class)).isEqualTo("ISSUED");
        assertThat(alert.read("$.template", String.class)).isEqualTo("lockdown");
        String id = alert.read("$.id");
        assertThat(notification(id + "-m1").message().subject()).startsWith("LOCKDOWN");
        // drafted and issued in one call, audited as both
        assertThat(audits(id)).containsExactly("alert.create allowed", "alert.issue allowed");
        assertProblem(post(broadcaster, "/api/alerts/templates/no-such-template/issue", null), 404, null);
    }

    @Test
    void capImportRefusesEntitiesAndTakesAValidAlertAsADraft() throws Exception {
        byte[] xee = getClass()
                .getResourceAsStream("/cap/google-cap-library/xee.cap")
                .readAllBytes();
        HttpResponse<String> refused = call(
                "POST",
                "/api/alerts",
                broadcaster,
                new String(xee, StandardCharsets.UTF_8),
                Map.of("Content-Type", CapXml.MEDIA_TYPE));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("DOCTYPE").doesNotContain("root:");

        String expires = Instant.now()
                .plus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString()
                .replace("Z", "-00:00");
        String cap = """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>BOONE-OEM-2026-17</identifier>
                  <sender>oem@boonecountymo.example</sender>
                  <sent>2026-11-29T08:00:00-06:00</sent>
                  <status>Actual</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info>
                    <category>Safety</category>
                    <event>Hazardous Materials</event>
                    <urgency>Immediate</urgency>
                    <severity>Severe</severity>
                    <certainty>Observed</certainty>
                    <expires>%s</expires>
                    <headline>Chemical spill on I-70: schools in Boone County shelter in place</headline>
                    <description>A tanker leak near exit 128 is releasing ammonia.</description>
                    <instruction>Close windows, turn off ventilation, keep everyone inside.</instruction>
                    <area>
                      <areaDesc>Boone County, Missouri</areaDesc>
                      <geocode><valueName>SAME</valueName><value>029019</value></geocode>
                    </area>
                  </info>
                </alert>
                """.formatted(expires);
        DocumentContext draft =
                json(call("POST", "/api/alerts", broadcaster, cap, Map.of("Content-Type", CapXml.MEDIA_TYPE)), 201);
        assertThat(draft.read("$.state", String.class)).isEqualTo("DRAFT");
        assertThat(draft.read("$.area.countyFips", List.class)).containsExactly(BOONE_FIPS);
        assertThat(draft.read("$.areaDescription", String.class)).isEqualTo("Boone County, Missouri");

        String orphanCancel = cap.replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
                .replace(
                        "<scope>Public</scope>",
                        "<scope>Public</scope>\n<references>x@example,NOT-OURS-1,2026-11-29T07:00:00-06:00</references>");
        HttpResponse<String> orphan =
                call("POST", "/api/alerts", broadcaster, orphanCancel, Map.of("Content-Type", CapXml.MEDIA_TYPE));
        assertProblem(orphan, 400, "references");
    }

    /**
     * A CAP Cancel from outside that names a message we issued (sender, identifier, sent) calls off that alert:
     * issuing remembers each message's identifier along with the alert's last write.
     */
    @Test
    void aCapCancelNamingAnIssuedMessageCallsOffItsAlert() throws Exception {
        String id = json(create(broadcaster, alert("Exercise", "\"organisationIds\":[\"" + COLUMBIA + "\"]")), 201)
                .read("$.id");
        json(post(broadcaster, "/api/alerts/" + id + "/issue", null), 200);
        String issued = notification(id + "-m1").message().capXml();
        CapMessage message = CapXml.read(issued.getBytes(StandardCharsets.UTF_8));
        java.util.regex.Matcher sent =
                java.util.regex.Pattern.compile("<sent>([^<]+)</sent>").matcher(issued);
        assertThat(sent.find()).isTrue();
        String reference = message.sender() + "," + message.identifier() + "," + sent.group(1);
        String cancel = issued.replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
                .replace("<identifier>" + message.identifier(), "<identifier>OUTSIDE-" + message.identifier())
                .replaceFirst("<info>", "<references>" + reference + "</references>\n<info>");

        DocumentContext cancelled =
                json(call("POST", "/api/alerts", broadcaster, cancel, Map.of("Content-Type", CapXml.MEDIA_TYPE)), 200);
        assertThat(cancelled.read("$.id", String.class)).isEqualTo(id);
        assertThat(cancelled.read("$.state", String.class)).isEqualTo("CANCELLED");
        assertThat(notification(id + "-m2").message().capXml()).contains("<msgType>Cancel</msgType>");
    }

    private static String info(String instruction) {
        return """
                {"category":"Security","event":"Lockdown","urgency":"Immediate","severity":"Severe",
                 "certainty":"Observed","headline":"Lockdown drill at Columbia schools",
                 "description":"A planned lockdown drill.","instruction":"%s",
                 "expires":"%s"}
                """.formatted(
                        instruction, Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS));
    }

    private static String alert(String status, String area) {
        return """
                {"status":"%s","info":{"category":"Security","event":"Lockdown","urgency":"Immediate",
                 "severity":"Severe","certainty":"Observed","headline":"Lockdown drill at Columbia schools",
                 "description":"A planned lockdown drill.","instruction":"Lock doors and stay out of sight.",
                 "expires":"%s"},
                 "area":{%s}}
                """.formatted(status, Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS), area);
    }

    private HttpResponse<String> create(String token, String body) throws Exception {
        return fixture.call("POST", "/api/alerts", token, body);
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return fixture.call("POST", path, token, body);
    }

    private HttpResponse<String> call(
            String method, String path, String token, String body, Map<String, String> headers) throws Exception {
        return fixture.call(method, path, token, body, headers);
    }

    private static DocumentContext json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonPath.parse(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception", "at org.");
        if (field != null) {
            assertThat(JsonPath.<List<String>>read(response.body(), "$.errors[*].field"))
                    .containsExactly(field);
        }
    }

    private NotificationRequested notification(String notificationId) {
        return fixture.notification(notificationId);
    }

    private Object latest(Topic topic, String key) {
        List<Object> values = fixture.records(topic).stream()
                .filter(r -> r.getKey().equals(key))
                .map(Map.Entry::getValue)
                .toList();
        return values.isEmpty() ? null : values.getLast();
    }

    private List<String> audits(String alertId) {
        return fixture.records(Topics.AUDIT).stream()
                .map(r -> (AuditRecorded) r.getValue())
                .filter(audit -> audit.target().equals("alert/" + alertId))
                .sorted(java.util.Comparator.comparing(AuditRecorded::at))
                .map(audit -> audit.action() + " " + audit.outcome())
                .toList();
    }
}
