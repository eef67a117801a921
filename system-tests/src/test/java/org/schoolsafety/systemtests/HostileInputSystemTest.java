package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 26 against the whole platform, only through the gateway: text the platform cannot store or send (lone
 * surrogates, NUL and other control characters, bidirectional overrides, far too much of it), numbers where an
 * instant or a text belongs, are each a {@code 400} problem detail naming the field, and change nothing. Then
 * subscription-service is killed, comes back alone (replaying its {@code directory} topic, which the refused
 * requests must not have reached), and an urgent alert issued to a district still reaches the district's webhook.
 */
class HostileInputSystemTest {

    private static final HttpClient HTTP =
            // HTTP/1.1, without the JDK's h2c upgrade offer (see ServiceSmokeContract in platform/testing)
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMBIA = "mo-district-columbia-93";
    private static final String KANSAS_CITY = "mo-district-kansas-city-33";
    private static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";

    /** JSON string contents (escapes as a client sends them) that no text field of the platform takes. */
    private static final String[] HOSTILE = {
        "Rock\\ud800Bridge", // a lone UTF-16 surrogate
        "Rock\\u0000Bridge", // NUL
        "Rock\\u0007Bridge", // another C0 control character
        "Rock\\u202EBridge" // RIGHT-TO-LEFT OVERRIDE
    };

    private static LocalStackProcess stack;

    /** Every refusal that was not the 400 problem detail it should be. */
    private final SoftAssertions refusals = new SoftAssertions();

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = LocalStackProcess.start(Duration.ofSeconds(300));
        System.out.printf("local stack READY after %.1f s%n", stack.startTime().toMillis() / 1000.0);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void hostileInputIsRefusedAtEveryDoorAndUrgentAlertsStillReachADistrictAfterSubscriptionServiceRestarts()
            throws Exception {
        organisationsRefuseHostileTextAndScalarsAndKeepTheirNames();
        alertsRefuseHostileTextAndNumbersAsInstantsAndAnIssuedAlertStaysLive();
        redeliveriesRefuseANumberAsSince();

        subscriptionServiceIsKilledAndComesBackAlone();

        anActualAlertToADistrictReachesItsWebhook();

        refusals.assertAll();
    }

    /** Issue 26, cases 1 and 6: organisation names, and a boolean where the id belongs. */
    private void organisationsRefuseHostileTextAndScalarsAndKeepTheirNames() throws Exception {
        String admin = token("state-admin");
        String organisations = stack.gatewayUrl() + "/api/organisations";
        for (String name : HOSTILE) {
            String school = "{\"kind\":\"SCHOOL\",\"name\":\"" + name + "\",\"parentId\":\"" + COLUMBIA + "\"}";
            assertRefused(send("POST", organisations, admin, school), "name");
            assertRefused(send("PATCH", organisations + "/" + COLUMBIA, admin, "{\"name\":\"" + name + "\"}"), "name");
        }
        assertRefused(
                send("PATCH", organisations + "/" + COLUMBIA, admin, "{\"name\":\"" + "x".repeat(201) + "\"}"), "name");
        String truthy = "{\"id\":true,\"kind\":\"SCHOOL\",\"name\":\"Truthful\",\"parentId\":\"" + COLUMBIA + "\"}";
        assertRefused(send("POST", organisations, admin, truthy), "id");

        HttpResponse<String> columbia = send("GET", organisations + "/" + COLUMBIA, admin, null);
        assertThat(columbia.statusCode()).as(columbia.body()).isEqualTo(200);
        assertThat(JSON.readTree(columbia.body())
                        .path("organisation")
                        .path("name")
                        .asString())
                .isEqualTo("Columbia 93");
        HttpResponse<String> truthful = send("GET", organisations + "/true", admin, null);
        assertThat(truthful.statusCode())
                .as("no organisation was made from {\"id\": true}: " + truthful.body())
                .isEqualTo(404);
        HttpResponse<String> search = send("GET", organisations + "?q=truthful&includeClosed=true", admin, null);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(JSON.readTree(search.body()).path("organisations").size())
                .as(search.body())
                .isZero();
    }

    /** Issue 26, cases 3, 4, 5 (info.expires) and 6 (alert text): drafts, updates and cancel notes. */
    private void alertsRefuseHostileTextAndNumbersAsInstantsAndAnIssuedAlertStaysLive() throws Exception {
        String broadcaster = token("state-broadcaster");
        String alerts = stack.gatewayUrl() + "/api/alerts";
        String headline = "Lockdown drill at Columbia 93 schools";
        String exercise = alert("Exercise", headline, COLUMBIA);
        String id = AlertDrafts.draft(stack, broadcaster, exercise);
        HttpResponse<String> issued = send("POST", alerts + "/" + id + "/issue", broadcaster, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(JSON.readTree(issued.body()).path("state").asString()).isEqualTo("ISSUED");
        List<String> alertsBefore = alertIds(broadcaster);

        // drafts: the area's description (no limit before, and NUL or controls made a draft that could never be
        // issued), a number as info.expires (read as 1970), an override in the headline
        String areaWithDescription = "\"area\":{\"description\":\"%s\",\"organisationIds\"";
        for (String description : new String[] {"Boone\\u0000County", "Boone\\u0007County", "x".repeat(100_000)}) {
            assertRefused(
                    send(
                            "POST",
                            alerts,
                            broadcaster,
                            exercise.replace(
                                    "\"area\":{\"organisationIds\"", areaWithDescription.formatted(description))),
                    "area.description");
        }
        assertRefused(
                send("POST", alerts, broadcaster, exercise.replaceAll("\"expires\":\"[^\"]+\"", "\"expires\":1e300")),
                "info.expires");
        for (String hostile : HOSTILE) {
            assertRefused(
                    send("POST", alerts, broadcaster, exercise.replace("Lockdown drill at", hostile)), "info.headline");
        }
        assertThat(alertIds(broadcaster)).as("no draft was made").isEqualTo(alertsBefore);

        // an issued alert: a cancel note or new text that cannot become CAP XML is refused (it was a 503 "try
        // again", which no retry could mend)
        for (String hostile : HOSTILE) {
            assertRefused(
                    send(
                            "POST",
                            alerts + "/" + id + "/cancel",
                            broadcaster,
                            "{\"note\":\"All " + hostile + " clear\"}"),
                    "note");
            assertRefused(
                    send(
                            "POST",
                            alerts + "/" + id + "/update",
                            broadcaster,
                            info(headline.replace("Lockdown drill at", hostile), "A planned drill.", "Stay put.")),
                    // an update's body is the info itself: its fields are named as sent
                    "headline");
            assertRefused(
                    send(
                            "POST",
                            alerts + "/" + id + "/update",
                            broadcaster,
                            info(headline, "A planned " + hostile + " drill.", "Stay put.")),
                    "description");
            assertRefused(
                    send(
                            "POST",
                            alerts + "/" + id + "/update",
                            broadcaster,
                            info(headline, "A planned drill.", "Stay " + hostile + " put.")),
                    "instruction");
        }

        HttpResponse<String> unchanged = send("GET", alerts + "/" + id, broadcaster, null);
        assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(200);
        JsonNode alert = JSON.readTree(unchanged.body());
        assertThat(alert.path("state").asString()).as(unchanged.body()).isEqualTo("ISSUED");
        assertThat(alert.path("messages").size()).as(unchanged.body()).isEqualTo(1);
        assertThat(alert.path("info").path("headline").asString()).isEqualTo(headline);

        HttpResponse<String> cancelled =
                send("POST", alerts + "/" + id + "/cancel", broadcaster, "{\"note\":\"The drill is over.\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode called = JSON.readTree(cancelled.body());
        assertThat(called.path("state").asString()).as(cancelled.body()).isEqualTo("CANCELLED");
        assertThat(called.path("messages").size()).as(cancelled.body()).isEqualTo(2);
    }

    /** Issue 26, case 5: {@code "since": 1e300} was read as 1970 and replayed everything. */
    private void redeliveriesRefuseANumberAsSince() throws Exception {
        assertRefused(
                send(
                        "POST",
                        stack.gatewayUrl() + "/api/deliveries/redeliveries",
                        token("state-admin"),
                        "{\"notificationId\":\"no-such-alert-m1\",\"since\":1e300}"),
                "since");
    }

    /** Issue 26, case 2: replaying {@code directory} on a restart crash-looped subscription-service. */
    private static void subscriptionServiceIsKilledAndComesBackAlone() throws Exception {
        long pid = stack.pid("subscription-service");
        Optional<ProcessHandle> subscription = ProcessHandle.of(pid);
        assertThat(subscription).as("subscription-service pid " + pid).isPresent();
        subscription.get().destroyForcibly();
        subscription.get().onExit().get(20, TimeUnit.SECONDS);

        String readiness = "http://127.0.0.1:" + stack.port("subscription-service") + "/actuator/health/readiness";
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        boolean back = false;
        while (!back && System.nanoTime() < deadline) {
            back = isUp(readiness);
            if (!back) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        assertThat(back)
                .as("subscription-service ready again within 180 s after it was killed; console:\n"
                        + String.join("\n", stack.console()))
                .isTrue();
        System.out.printf(
                "subscription-service ready again %.1f s after it was killed%n", (System.nanoTime() - started) / 1e9);
        assertThat(stack.console()).anyMatch(line -> line.contains("subscription-service (pid " + pid + ") exited"));
    }

    /** After the restart, an urgent alert to one district (no approval needed) reaches the district's webhook. */
    private static void anActualAlertToADistrictReachesItsWebhook() throws Exception {
        EndpointKeeper keeper = new EndpointKeeper(stack, "kansas-city-33-admin");
        EndpointKeeper.Endpoint hook = keeper.webhook(
                KANSAS_CITY, "kansas-city-33-after-restart", "\"feeds\":[\"URGENT_ALERTS\"],\"format\":\"JSON\"");

        String broadcaster = token("state-broadcaster");
        String headline = "Shelter in place at Kansas City 33 schools";
        String id = AlertDrafts.draft(stack, broadcaster, alert("Actual", headline, KANSAS_CITY));
        HttpResponse<String> issued =
                send("POST", stack.gatewayUrl() + "/api/alerts/" + id + "/issue", broadcaster, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        JsonNode alert = JSON.readTree(issued.body());
        assertThat(alert.path("state").asString()).as(issued.body()).isEqualTo("ISSUED");
        assertThat(alert.path("needsApproval").asBoolean()).as(issued.body()).isFalse();

        String path = URI.create(hook.address()).getPath();
        List<JsonNode> requests = new Delivered(stack.sinkUrl())
                .awaitWebhooks(
                        "the urgent alert " + id + " at the Kansas City 33 webhook",
                        request -> request.path("path").asString().equals(path)
                                && Delivered.jsonBody(request)
                                        .path("data")
                                        .path("notificationId")
                                        .asString()
                                        .equals(id + "-m1"),
                        Duration.ofSeconds(60));
        assertThat(requests).hasSize(1);
        Delivered.verifySignature(requests.getFirst(), hook.secret());
        JsonNode event = Delivered.jsonBody(requests.getFirst());
        assertThat(event.path("type").asString()).isEqualTo("alert.urgent");
        assertThat(event.path("data").path("subject").asString()).isEqualTo(headline);

        HttpResponse<String> cancelled = send(
                "POST",
                stack.gatewayUrl() + "/api/alerts/" + id + "/cancel",
                broadcaster,
                "{\"note\":\"This was sent by a system test.\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    /** Issue 26, case 7: a district reads the status of an alert sent to one of its schools, another district not. */
    @Test
    void aDistrictReadsTheStatusOfAnAlertThatReachedOneOfItsSchools() throws Exception {
        EndpointKeeper keeper = new EndpointKeeper(stack, "columbia-93-admin");
        EndpointKeeper.Endpoint hook = keeper.webhook(
                ROCK_BRIDGE, "rock-bridge-status", "\"feeds\":[\"URGENT_ALERTS\"],\"drills\":true,\"format\":\"JSON\"");

        String broadcaster = token("state-broadcaster");
        String id = AlertDrafts.draft(
                stack, broadcaster, alert("Exercise", "Lockdown drill at Rock Bridge Sr. High", ROCK_BRIDGE));
        HttpResponse<String> issued =
                send("POST", stack.gatewayUrl() + "/api/alerts/" + id + "/issue", broadcaster, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);

        String path = URI.create(hook.address()).getPath();
        new Delivered(stack.sinkUrl())
                .awaitWebhooks(
                        "the exercise " + id + " at the Rock Bridge webhook",
                        request -> request.path("path").asString().equals(path)
                                && Delivered.jsonBody(request)
                                        .path("data")
                                        .path("notificationId")
                                        .asString()
                                        .equals(id + "-m1"),
                        Duration.ofSeconds(60));

        String status = stack.gatewayUrl() + "/api/alerts/" + id + "/status";
        String columbia = token("columbia-93-admin");
        Awaitility.await("Columbia 93 reads the status of " + id)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> read = send("GET", status, columbia, null);
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                });
        HttpResponse<String> other = send("GET", status, token("kansas-city-33-admin"), null);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(404);
    }

    /**
     * A 400 problem detail whose {@code errors} name {@code field}; checked softly, so that one run reports every
     * door that answers otherwise (each fails the test at its end).
     */
    private void assertRefused(HttpResponse<String> response, String field) {
        String request =
                response.request().method() + " " + response.request().uri().getPath() + " answered "
                        + response.statusCode() + " "
                        + response.headers().firstValue("Content-Type").orElse("") + " "
                        + response.body();
        refusals.assertThat(response.statusCode()).as(request).isEqualTo(400);
        refusals.assertThat(response.headers().firstValue("Content-Type"))
                .as(request)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        List<String> fields = new ArrayList<>();
        if (response.body().startsWith("{")) {
            JSON.readTree(response.body())
                    .path("errors")
                    .forEach(error -> fields.add(error.path("field").asString()));
        }
        refusals.assertThat(fields).as(request).contains(field);
        refusals.assertThat(response.body()).as(request).doesNotContain("Exception", "at org.");
    }

    private static String alert(String status, String headline, String organisationId) {
        return """
                {"status":"%s","info":%s,"area":{"organisationIds":["%s"]}}""".formatted(
                        status,
                        info(headline, "A planned lockdown drill.", "Lock doors and stay out of sight."),
                        organisationId);
    }

    private static String info(String headline, String description, String instruction) {
        return """
                {"category":"Security","event":"Lockdown","urgency":"Immediate","severity":"Severe",
                 "certainty":"Observed","headline":"%s","description":"%s","instruction":"%s",
                 "expires":"%s"}""".formatted(
                        headline,
                        description,
                        instruction,
                        Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS));
    }

    /** The ids of the newest alerts, as state staff read them. */
    private static List<String> alertIds(String token) throws Exception {
        HttpResponse<String> list = send("GET", stack.gatewayUrl() + "/api/alerts?limit=500", token, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(list.body()).forEach(alert -> ids.add(alert.path("id").asString()));
        return ids;
    }

    private static boolean isUp(String url) throws InterruptedException {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"status\":\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A fresh token for a demo client (each phase takes its own: the run outlasts a token). */
    private static String token(String clientId) throws IOException, InterruptedException {
        return stack.token(clientId);
    }

    /** A request with a bearer token and, unless {@code json} is null, a JSON body. */
    private static HttpResponse<String> send(String method, String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
