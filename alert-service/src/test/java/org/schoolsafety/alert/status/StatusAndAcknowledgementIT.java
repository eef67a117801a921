package org.schoolsafety.alert.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.alert.AlertTestSupport.BATTLE;
import static org.schoolsafety.alert.AlertTestSupport.COLUMBIA;
import static org.schoolsafety.alert.AlertTestSupport.HICKMAN;
import static org.schoolsafety.alert.AlertTestSupport.KANSAS_CITY;
import static org.schoolsafety.alert.AlertTestSupport.ROCK_BRIDGE;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.alert.AlertServiceFixture;
import org.schoolsafety.alert.area.OrganisationDirectory;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Live status and acknowledgements on a real broker and Redis. delivery-service and subscription-service are
 * played by records put on {@code notifications} and {@code delivery-outcomes} as they would put them, duplicates
 * included; what is checked is what the API and the stream report, and the acknowledgements on the topic.
 *
 * <p>Long because each status question needs its own outcomes played on the topics; the shared setup is
 * {@link AlertServiceFixture}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ssn.links.signing-key=status-and-acknowledgement-test-key-0123456789")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusAndAcknowledgementIT {

    private final String broadcaster = AlertServiceFixture.broadcaster();

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

    @Autowired
    private StringRedisTemplate redis;

    private String alertId;
    private String notificationId;

    private AlertServiceFixture fixture;

    @BeforeAll
    void theDirectoryIsPublished() {
        fixture = new AlertServiceFixture(port, bootstrap, template);
        fixture.publishDirectory(directory);
    }

    /** Each test its own exercise for Columbia, so no test sees another's outcomes. */
    @BeforeEach
    void anExerciseWentToColumbia() throws Exception {
        anExerciseWentTo("Lockdown drill in Columbia schools", COLUMBIA);
    }

    /** Issues an exercise to these organisations; it becomes the alert the helpers below look at. */
    private void anExerciseWentTo(String headline, String... organisationIds) throws Exception {
        String body = """
                {"status":"Exercise","info":{"category":"Security","event":"Lockdown","urgency":"Immediate",
                 "severity":"Severe","certainty":"Observed","headline":"%s",
                 "description":"A planned drill.","instruction":"Lock doors.","expires":"%s"},
                 "area":{"organisationIds":["%s"]}}
                """.formatted(
                        headline,
                        Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                        String.join("\",\"", organisationIds));
        alertId = fixture.issue(broadcaster, body);
        notificationId = alertId + "-m1";
    }

    @Test
    void statusCountsEachDeliveryOnceAndAcknowledgementsRollUpPerDistrict() throws Exception {
        Instant now = Instant.now();
        publish(
                new NotificationExpanded(notificationId, Lane.URGENT, 4, 1, 1, 2, now),
                succeeded("ep-email-rb", ROCK_BRIDGE, Channel.EMAIL),
                succeeded("ep-email-rb", ROCK_BRIDGE, Channel.EMAIL), // redelivered: counts once
                succeeded("ep-sms-hk", HICKMAN, Channel.SMS),
                succeeded("ep-hook-cps", COLUMBIA, Channel.WEBHOOK),
                new DeliveryReceipt(
                        id("ep-sms-hk"),
                        notificationId,
                        "ep-sms-hk",
                        HICKMAN,
                        Channel.SMS,
                        DeliveryReceipt.Status.DELIVERED,
                        "SM1",
                        null,
                        now),
                new DeliveryFailed(
                        id("ep-hook-battle"),
                        notificationId,
                        "ep-hook-battle",
                        BATTLE,
                        Channel.WEBHOOK,
                        6,
                        "HTTP 503",
                        true,
                        now));

        DocumentContext status = awaitStatus(s -> s.read("$.messages[0].failed.total", Integer.class) == 1
                && s.read("$.messages[0].delivered.total", Integer.class) == 3);
        assertThat(status.read("$.messages[0].expected.total", Integer.class)).isEqualTo(4);
        assertThat(status.read("$.messages[0].sent.total", Integer.class)).isEqualTo(3);
        assertThat(status.read("$.messages[0].sent.email", Integer.class)).isEqualTo(1);
        assertThat(status.read("$.messages[0].delivered.sms", Integer.class)).isEqualTo(1);
        assertThat(status.read("$.messages[0].failed.webhook", Integer.class)).isEqualTo(1);

        // by link: opening shows a button and records nothing; pressing it acknowledges, twice counts once
        String token = links.sign("acknowledge", id("ep-email-rb"), Duration.ofHours(1));
        HttpResponse<String> page = call("GET", "/public/acknowledgements/" + token, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Lockdown drill in Columbia schools").contains("<form method=\"post\">");
        assertThat(call("POST", "/public/acknowledgements/" + token, null, null).body())
                .contains("Thank you");
        assertThat(call("POST", "/public/acknowledgements/" + token, null, null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/public/acknowledgements/" + token + "x", null, null)
                        .statusCode())
                .isEqualTo(400);

        // by API: Columbia's own system may; Kansas City's may not even see it
        String columbia = AlertServiceFixture.token(COLUMBIA, "SYSTEM");
        String kansasCity = AlertServiceFixture.token(KANSAS_CITY, "SYSTEM");
        String byApi = "{\"deliveryId\":\"" + id("ep-hook-cps") + "\"}";
        assertThat(call("POST", "/api/acknowledgements", kansasCity, byApi).statusCode())
                .isEqualTo(404);
        HttpResponse<String> acked = call("POST", "/api/acknowledgements", columbia, byApi);
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);

        DocumentContext after = awaitStatus(s -> s.read("$.messages[0].acknowledged.total", Integer.class) == 2);
        assertThat(after.read("$.messages[0].acknowledged.email", Integer.class))
                .isEqualTo(1);
        assertThat(after.read("$.messages[0].acknowledged.webhook", Integer.class))
                .isEqualTo(1);
        assertThat(JsonPath.<List<Integer>>read(
                        after.jsonString(), "$.organisations[?(@.organisationId=='" + ROCK_BRIDGE + "')].acknowledged"))
                .containsExactly(1);
        assertThat(JsonPath.<List<Map<String, Object>>>read(after.jsonString(), "$.districts"))
                .containsExactly(
                        Map.of("districtId", COLUMBIA, "name", "Columbia 93", "reached", 4, "acknowledged", 2));

        List<DeliveryAcknowledged> onTopic = fixture.records(Topics.DELIVERY_OUTCOMES).stream()
                .map(Map.Entry::getValue)
                .filter(DeliveryAcknowledged.class::isInstance)
                .map(DeliveryAcknowledged.class::cast)
                .filter(ack -> ack.notificationId().equals(notificationId))
                .toList();
        assertThat(onTopic).extracting(DeliveryAcknowledged::via).containsExactlyInAnyOrder("link", "link", "api");
    }

    @Test
    void aStatusStreamSendsTheReportAndAgainWhenItChanges() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/alerts/" + alertId + "/status/stream"))
                .header("Authorization", "Bearer " + broadcaster)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = nextEvent(lines);
            assertThat(first).contains("\"alertId\":\"" + alertId + "\"");
            publish(succeeded("ep-late-" + System.nanoTime(), HICKMAN, Channel.EMAIL));
            String second = nextEvent(lines);
            assertThat(second).isNotEqualTo(first).contains("\"alertId\":\"" + alertId + "\"");
        }
    }

    @Test
    void aDistrictReadsTheStatusOfAnAlertSentToOneOfItsSchools() throws Exception {
        anExerciseWentTo("Lockdown drill at Rock Bridge", ROCK_BRIDGE);
        publish(
                new NotificationExpanded(notificationId, Lane.URGENT, 2, 1, 0, 1, Instant.now()),
                succeeded("ep-email-rb", ROCK_BRIDGE, Channel.EMAIL),
                succeeded("ep-hook-rb", ROCK_BRIDGE, Channel.WEBHOOK));
        awaitStatus(s -> s.read("$.messages[0].sent.total", Integer.class) == 2);

        // the district acknowledges its school's delivery, as it always could, and now also sees the alert
        String columbia = AlertServiceFixture.token(COLUMBIA, "DISTRICT_ADMIN");
        HttpResponse<String> acked =
                call("POST", "/api/acknowledgements", columbia, "{\"deliveryId\":\"" + id("ep-hook-rb") + "\"}");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        HttpResponse<String> alert = call("GET", "/api/alerts/" + alertId, columbia, null);
        assertThat(alert.statusCode()).as(alert.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(alert.body(), "$.id")).isEqualTo(alertId);
        assertThat(JsonPath.<String>read(alert.body(), "$.author")).isNull();
        assertThat(JsonPath.<List<String>>read(
                        call("GET", "/api/alerts", columbia, null).body(), "$[*].id"))
                .contains(alertId);

        DocumentContext seen =
                awaitStatus(columbia, s -> s.read("$.messages[0].acknowledged.total", Integer.class) == 1);
        // everything this alert reached lies within Columbia, so the totals are Columbia's own
        assertThat(seen.read("$.messages[0].expected.total", Integer.class)).isEqualTo(2);
        assertThat(seen.read("$.messages[0].sent.total", Integer.class)).isEqualTo(2);
        assertThat(seen.read("$.messages[0].acknowledged.webhook", Integer.class))
                .isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(seen.jsonString(), "$.organisations[*].organisationId"))
                .containsExactly(ROCK_BRIDGE);
        assertThat(JsonPath.<List<Map<String, Object>>>read(seen.jsonString(), "$.districts"))
                .containsExactly(
                        Map.of("districtId", COLUMBIA, "name", "Columbia 93", "reached", 1, "acknowledged", 1));
        assertThat(firstStreamedStatus(columbia)).contains("\"alertId\":\"" + alertId + "\"");

        // the school sees it too; another district does not learn that it exists
        assertThat(call(
                                "GET",
                                "/api/alerts/" + alertId + "/status",
                                AlertServiceFixture.token(ROCK_BRIDGE, "SCHOOL_COORDINATOR"),
                                null)
                        .statusCode())
                .isEqualTo(200);
        String kansasCity = AlertServiceFixture.token(KANSAS_CITY, "DISTRICT_ADMIN");
        assertThat(call("GET", "/api/alerts/" + alertId, kansasCity, null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/alerts/" + alertId + "/status", kansasCity, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/alerts/" + alertId + "/status/stream", kansasCity, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(JsonPath.<List<String>>read(
                        call("GET", "/api/alerts", kansasCity, null).body(), "$[*].id"))
                .doesNotContain(alertId);
        // a school of the district is not the district: a sibling school does not see it either
        assertThat(call(
                                "GET",
                                "/api/alerts/" + alertId + "/status",
                                AlertServiceFixture.token(HICKMAN, "SCHOOL_COORDINATOR"),
                                null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDistrictSeesOnlyItsOwnSubtreeOfAnAlertThatAlsoWentToAnotherDistrict() throws Exception {
        anExerciseWentTo("Lockdown drill at Rock Bridge and in Kansas City", ROCK_BRIDGE, KANSAS_CITY);
        publish(
                new NotificationExpanded(notificationId, Lane.URGENT, 3, 2, 1, 0, Instant.now()),
                succeeded("ep-email-rb", ROCK_BRIDGE, Channel.EMAIL),
                succeeded("ep-email-kc", KANSAS_CITY, Channel.EMAIL),
                succeeded("ep-sms-kc", KANSAS_CITY, Channel.SMS));
        awaitStatus(s -> s.read("$.messages[0].sent.total", Integer.class) == 3);
        String kansasCity = AlertServiceFixture.token(KANSAS_CITY, "SYSTEM");
        HttpResponse<String> acked =
                call("POST", "/api/acknowledgements", kansasCity, "{\"deliveryId\":\"" + id("ep-sms-kc") + "\"}");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        awaitStatus(s -> s.read("$.messages[0].acknowledged.total", Integer.class) == 1);

        String columbia = AlertServiceFixture.token(COLUMBIA, "DISTRICT_ADMIN");
        assertThat(call("GET", "/api/alerts/" + alertId, columbia, null).statusCode())
                .isEqualTo(200);
        DocumentContext mine = awaitStatus(columbia, s -> true);
        assertThat(mine.read("$.messages[0].expected", Object.class)).isNull();
        assertThat(mine.read("$.messages[0].sent.total", Integer.class)).isEqualTo(1);
        assertThat(mine.read("$.messages[0].sent.email", Integer.class)).isEqualTo(1);
        assertThat(mine.read("$.messages[0].sent.sms", Integer.class)).isZero();
        assertThat(mine.read("$.messages[0].acknowledged.total", Integer.class)).isZero();
        assertThat(JsonPath.<List<String>>read(mine.jsonString(), "$.organisations[*].organisationId"))
                .containsExactly(ROCK_BRIDGE);
        assertThat(JsonPath.<List<String>>read(mine.jsonString(), "$.districts[*].districtId"))
                .containsExactly(COLUMBIA);
        assertThat(mine.jsonString()).doesNotContain(KANSAS_CITY);

        DocumentContext theirs = awaitStatus(kansasCity, s -> true);
        assertThat(theirs.read("$.messages[0].sent.total", Integer.class)).isEqualTo(2);
        assertThat(theirs.read("$.messages[0].acknowledged.sms", Integer.class)).isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(theirs.jsonString(), "$.organisations[*].organisationId"))
                .containsExactly(KANSAS_CITY);
        assertThat(theirs.jsonString()).doesNotContain(ROCK_BRIDGE).doesNotContain(COLUMBIA);
    }

    /** The data of the first {@code status} event of the alert's stream, as this caller opens it. */
    @Test
    void aWipedRedisIsFilledAgainFromTheTopicsWithoutARestart() throws Exception {
        publish(
                new NotificationExpanded(notificationId, Lane.URGENT, 2, 1, 0, 1, Instant.now()),
                succeeded("ep-email-rb", ROCK_BRIDGE, Channel.EMAIL),
                succeeded("ep-hook-cps", COLUMBIA, Channel.WEBHOOK));
        awaitStatus(s -> s.read("$.messages[0].sent.total", Integer.class) == 2);

        redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });

        // within a few seconds, and without a restart: the alert from the alerts topic, its counts from the outcomes
        DocumentContext status = awaitStatus(s -> s.read("$.messages[0].sent.total", Integer.class) == 2
                && s.read("$.messages[0].expected.total", Integer.class) == 2);
        assertThat(status.read("$.state", String.class)).isEqualTo("ISSUED");
        assertThat(status.read("$.messages[0].sent.email", Integer.class)).isEqualTo(1);
        assertThat(status.read("$.messages[0].sent.webhook", Integer.class)).isEqualTo(1);
        assertThat(call("GET", "/api/alerts/" + alertId, broadcaster, null).statusCode())
                .isEqualTo(200);
    }

    private String firstStreamedStatus(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/alerts/" + alertId + "/status/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            return nextEvent(lines);
        }
    }

    /** The data of the next {@code status} event, waiting at most 15 s. */
    private static String nextEvent(BufferedReader lines) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        boolean status = false;
                        for (String line; (line = lines.readLine()) != null; ) {
                            if (line.equals("event:status")) {
                                status = true;
                            } else if (status && line.startsWith("data:")) {
                                return line.substring(5);
                            }
                        }
                        return null;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .get(15, TimeUnit.SECONDS);
    }

    private DeliverySucceeded succeeded(String endpointId, String organisationId, Channel channel) {
        return new DeliverySucceeded(
                id(endpointId), notificationId, endpointId, organisationId, channel, 1, null, Instant.now());
    }

    private String id(String endpointId) {
        return DeliveryIds.of(notificationId, endpointId);
    }

    private void publish(Object... events) {
        fixture.publish(events);
    }

    /** The status once it satisfies {@code wanted}; on timeout, a failure that shows the last status seen. */
    private DocumentContext awaitStatus(java.util.function.Predicate<DocumentContext> wanted) {
        return awaitStatus(broadcaster, wanted);
    }

    /** The status as this caller reads it, once it satisfies {@code wanted}. */
    private DocumentContext awaitStatus(String token, java.util.function.Predicate<DocumentContext> wanted) {
        java.util.concurrent.atomic.AtomicReference<DocumentContext> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    last.set(status(token));
                    assertThat(wanted.test(last.get()))
                            .as(last.get().jsonString())
                            .isTrue();
                });
        return last.get();
    }

    private DocumentContext status(String token) throws Exception {
        HttpResponse<String> response = call("GET", "/api/alerts/" + alertId + "/status", token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return fixture.call(method, path, token, body);
    }
}
