package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack as a developer meets it: one command, every service healthy, requests through the gateway
 * reach the services, an exercise alert reaches a district's webhook, email and SMS, a weekly update reaches a
 * school's subscribers, the sinks answer, and Ctrl-C stops everything. The tests run in a random order (JUnit prints
 * the seed): none depends on another. Long because every check shares the one stack start (about a minute).
 */
@TestMethodOrder(MethodOrderer.Random.class)
class LocalStackSystemTest {

    private static final HttpClient HTTP =
            // HTTP/1.1, without the JDK's h2c upgrade offer (see ServiceSmokeContract in platform/testing)
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DRILL_HEADLINE = "Lockdown drill at Kansas City 33 schools";

    private static LocalStackProcess stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = LocalStackProcess.start(Duration.ofSeconds(300));
        System.out.printf("local stack READY after %.1f s%n", stack.startTime().toMillis() / 1000.0);
    }

    /** Ctrl-C (SIGTERM to the stack) stops every service and prints STOPPED: the last check, whatever ran before. */
    @AfterAll
    static void ctrlCStopsEverythingCleanly() throws Exception {
        if (stack == null) {
            return;
        }
        try {
            long servicePid = stack.pid("alert-service");
            int exit = stack.stop(Duration.ofSeconds(60));

            assertThat(exit).as("local stack exit code after SIGTERM").isNotEqualTo(-1);
            assertThat(stack.console()).contains("STOPPED");
            assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false))
                    .as("alert-service stopped with the stack")
                    .isFalse();
        } finally {
            stack.close();
        }
    }

    @Test
    void printsReadyWithTheGatewayOnceEveryServiceIsHealthy() throws Exception {
        assertThat(stack.gatewayUrl()).startsWith("http://127.0.0.1:");
        for (String service : new String[] {
            "gateway",
            "alert-service",
            "subscription-service",
            "bulletin-service",
            "cyber-threat-service",
            "delivery-service"
        }) {
            HttpResponse<String> readiness =
                    get("http://127.0.0.1:" + stack.port(service) + "/actuator/health/readiness");
            assertThat(readiness.body()).as(service).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void gatewayRoutesToEachServiceWhichAnswersWithProblemDetails() throws Exception {
        String token = token("state-admin");
        for (String path : new String[] {
            "/api/alerts/none",
            "/api/organisations/none",
            "/api/bulletins/none",
            "/api/advisories/none",
            "/api/deliveries/none"
        }) {
            HttpResponse<String> response = get(stack.gatewayUrl() + path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"instance\":\"" + path + "\"");
        }
    }

    @Test
    void theSeededDirectoryAnswersEachDemoClientWithinItsOwnOrganisation() throws Exception {
        String directory = stack.gatewayUrl() + "/api/organisations/";
        assertThat(get(directory + "mo-district-kansas-city-33", token("state-admin"))
                        .statusCode())
                .isEqualTo(200);

        String columbia = token("columbia-93-admin");
        HttpResponse<String> own = get(directory + "mo-district-columbia-93", columbia);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"name\":\"Columbia 93\"", "mo-school-rock-bridge-sr-high");
        assertThat(get(directory + "mo-district-kansas-city-33", columbia).statusCode())
                .isEqualTo(404);

        String school = token("rock-bridge-coordinator");
        assertThat(get(directory + "mo-school-rock-bridge-sr-high", school).statusCode())
                .isEqualTo(200);
        assertThat(get(directory + "mo-district-columbia-93", school).statusCode())
                .isEqualTo(404);

        HttpResponse<String> malformed = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/organisations"))
                        .header("Authorization", "Bearer " + token("state-admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"SCHOOL\",\"name\":"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void withoutATokenFromTheIssuerNothingPassesAndRolesDecideTheRest() throws Exception {
        HttpResponse<String> anonymous = get(stack.gatewayUrl() + "/api/alerts/none");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String broadcaster = token("state-broadcaster");
        HttpResponse<String> notAnEditor = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/bulletins/draft"))
                        .header("Authorization", "Bearer " + broadcaster)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notAnEditor.statusCode()).isEqualTo(403);
        String claims = new String(
                java.util.Base64.getUrlDecoder().decode(broadcaster.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"roles\":[\"STATE_BROADCASTER\"]", "\"org\":\"mo-state\"", "\"aud\":\"ssn-api\"");
    }

    @Test
    void theGatewayServesEveryServiceOpenApiDocumentAndTheBrowser() throws Exception {
        for (String service : new String[] {
            "alert-service", "subscription-service", "bulletin-service", "cyber-threat-service", "delivery-service"
        }) {
            HttpResponse<String> docs = get(stack.gatewayUrl() + "/api-docs/" + service);
            assertThat(docs.statusCode()).as(service).isEqualTo(200);
            assertThat(docs.body()).contains("\"title\":\"" + service + "\"", "\"bearer-jwt\"");
        }
        HttpResponse<String> browser = get(stack.gatewayUrl() + "/swagger-ui/index.html");
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.body()).contains("swagger-ui");
    }

    @Test
    void aNewEmailEndpointIsConfirmedThroughThePublicLinkAtTheGateway() throws Exception {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                stack.gatewayUrl() + "/api/organisations/mo-school-rock-bridge-sr-high/endpoints"))
                        .header("Authorization", "Bearer " + token("columbia-93-admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"EMAIL\",\"address\":\"system.test@rockbridge.example\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String endpoint = created.body().replaceAll(".*\"endpoint\":\\{\"id\":\"([^\"]+)\".*", "$1");

        String link = Awaitility.await("the verification email request")
                .atMost(Duration.ofSeconds(30))
                .until(() -> verificationLink(endpoint), Optional::isPresent)
                .orElseThrow();
        assertThat(link).startsWith(stack.gatewayUrl() + "/public/verifications/");
        // delivery-service sent it over SMTP to the stack's mail sink
        Awaitility.await("the verification email in the sink")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> get(stack.sinkUrl() + "/sink/emails").body(),
                        emails -> emails.contains("system.test@rockbridge.example")
                                && emails.contains("Confirm school safety messages"));
        HttpResponse<String> page = get(link);
        assertThat(page.statusCode()).as("the link needs no token").isEqualTo(200);
        assertThat(page.body()).contains("system.test@rockbridge.example", "Confirm");
        HttpResponse<String> confirmed = HTTP.send(
                HttpRequest.newBuilder(URI.create(link))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(get(stack.gatewayUrl() + "/api/endpoints/" + endpoint, token("columbia-93-admin"))
                        .body())
                .contains("\"verified\":true");
    }

    @Test
    void aWebhookIsVerifiedByItsSignedTestDeliveryAcrossThreeServices() throws Exception {
        String hook = stack.sinkUrl() + "/webhooks/rock-bridge-it";
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                stack.gatewayUrl() + "/api/organisations/mo-school-rock-bridge-sr-high/endpoints"))
                        .header("Authorization", "Bearer " + token("columbia-93-admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"WEBHOOK\",\"address\":\"" + hook + "\",\"role\":\"IT_SYSTEM\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String endpoint = created.body().replaceAll(".*\"endpoint\":\\{\"id\":\"([^\"]+)\".*", "$1");
        String secret = created.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        assertThat(secret).startsWith("whsec_");

        // subscription-service asks for a test delivery, delivery-service signs and sends it to the sink, and
        // its success on delivery-outcomes verifies the endpoint
        Awaitility.await("the webhook verified")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(stack.gatewayUrl() + "/api/endpoints/" + endpoint, token("columbia-93-admin"))
                        .body()
                        .contains("\"verified\":true"));
        String captured = get(stack.sinkUrl() + "/sink/webhooks").body();
        assertThat(captured)
                .contains("rock-bridge-it", "webhook-signature", "v1,", "endpoint.verification")
                .doesNotContain(secret);
    }

    @Test
    void aNewSmsNumberGetsItsQuestionAtTheProviderAndIsVerifiedByASignedYesThroughTheGateway() throws Exception {
        String number = "+15735550142";
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                stack.gatewayUrl() + "/api/organisations/mo-school-rock-bridge-sr-high/endpoints"))
                        .header("Authorization", "Bearer " + token("columbia-93-admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"SMS\",\"address\":\"" + number + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String endpoint = created.body().replaceAll(".*\"endpoint\":\\{\"id\":\"([^\"]+)\".*", "$1");

        // delivery-service sends the question to the stand-in provider ...
        Awaitility.await("the verification SMS at the provider")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> get(stack.sinkUrl() + "/sink/sms").body(),
                        sms -> sms.contains(number) && sms.contains("YES"));

        // ... the provider posts the reply, signed with the account's token, to the gateway's public path ...
        String url = stack.gatewayUrl() + "/public/sms/inbound";
        SortedMap<String, String> form = SmsReply.form(number, "Yes", "SMsystemtest0001");
        HttpResponse<String> answered =
                HTTP.send(SmsReply.request(url, form, SmsReply.PROVIDER_TOKEN), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        // ... delivery-service turns it into an event, and subscription-service verifies the number
        Awaitility.await("the number verified")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(stack.gatewayUrl() + "/api/endpoints/" + endpoint, token("columbia-93-admin"))
                        .body()
                        .contains("\"verified\":true"));

        HttpResponse<String> forged =
                HTTP.send(SmsReply.request(url, form, "not-the-token"), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a reply not signed by the provider").isEqualTo(403);
    }

    @Test
    void anExerciseAndItsCancelReachTheWebhookEmailAndSmsOfADistrictThatTakesDrills() throws Exception {
        String district = "mo-district-kansas-city-33";
        String drills = "\"feeds\":[\"URGENT_ALERTS\"],\"drills\":true";
        EndpointKeeper keeper = new EndpointKeeper(stack, "kansas-city-33-admin");
        EndpointKeeper.Endpoint hook =
                keeper.webhook(district, "kansas-city-33-exercise", drills + ",\"format\":\"JSON\"");
        EndpointKeeper.Endpoint email = keeper.email(district, "exercise.desk@kcps.example", drills);
        EndpointKeeper.Endpoint sms = keeper.sms(district, "+18165550147", drills);

        String broadcaster = token("state-broadcaster");
        String id = draftExercise(broadcaster, district);
        HttpResponse<String> issued = post(stack.gatewayUrl() + "/api/alerts/" + id + "/issue", broadcaster, "");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(issued.body()).contains("\"state\":\"ISSUED\"");

        String page = stack.gatewayUrl() + "/public/alerts/" + id;
        AlertAtEndpoints received = new AlertAtEndpoints(new Delivered(stack.sinkUrl()), page, hook, email, sms);
        received.reached(id + "-m1", "EXERCISE - " + DRILL_HEADLINE);
        HttpResponse<String> shown = get(page);
        assertThat(shown.statusCode())
                .as("the page the SMS links to needs no token")
                .isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(shown.body()).contains("THIS IS A DRILL", DRILL_HEADLINE);

        // the email's personal link acknowledges; the status counts the three deliveries and the acknowledgement
        String ackToken = acknowledgementToken(email.address());
        HttpResponse<String> acknowledged = post(stack.gatewayUrl() + "/public/acknowledgements/" + ackToken, null, "");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("Thank you");
        Awaitility.await("the status of " + id)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    var status = JSON.readTree(get(stack.gatewayUrl() + "/api/alerts/" + id + "/status", broadcaster)
                                    .body())
                            .path("messages")
                            .path(0);
                    assertThat(status.path("expected").path("total").asInt())
                            .as(status.toString())
                            .isEqualTo(3);
                    assertThat(status.path("sent").path("total").asInt())
                            .as(status.toString())
                            .isEqualTo(3);
                    assertThat(status.path("acknowledged").path("email").asInt())
                            .as(status.toString())
                            .isEqualTo(1);
                });

        HttpResponse<String> cancelled = post(
                stack.gatewayUrl() + "/api/alerts/" + id + "/cancel", broadcaster, "{\"note\":\"The drill is over.\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        received.reached(id + "-m2", "EXERCISE - CANCELLED: " + DRILL_HEADLINE);
        received.reachedOnlyOnce(id + "-m1", "EXERCISE - " + DRILL_HEADLINE);
        assertThat(get(page).body()).contains("This alert was CANCELLED: The drill is over.");
    }

    /**
     * The weekly update end to end (issue 29): a school's two email subscribers each get it once, greeted by the
     * school's name, with their own unsubscribe link; the archive lists it; one leaves with the one-click POST and
     * gets the next week's bulletin no more, the other does. Jefferson City High: no other test here uses it.
     */
    @Test
    void aWeeklyUpdateReachesEachSubscriberOnceAndOneClickLeavesTheFeed() throws Exception {
        String school = "mo-school-jefferson-city-high";
        String weekly = "\"feeds\":[\"WEEKLY_BULLETIN\"]";
        EndpointKeeper keeper = new EndpointKeeper(stack, "state-admin");
        String leaving =
                keeper.email(school, "front.office@jchs.example", weekly).address();
        String staying = keeper.email(school, "principal@jchs.example", weekly).address();
        WeeklyUpdateDesk desk = new WeeklyUpdateDesk(stack);
        desk.openAllDay(school);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String title = "Jefferson City weekly update " + suffix;
        desk.publish(WeeklyUpdateDesk.monday(0), title);
        Delivered delivered = new Delivered(stack.sinkUrl());
        String link = null;
        for (String address : new String[] {leaving, staying}) {
            var emails = delivered.awaitEmails(
                    "the weekly update at " + address,
                    mail -> Delivered.sentTo(mail, address)
                            && mail.path("subject").asString().equals(title),
                    Duration.ofSeconds(60));
            assertThat(emails).as("emails to " + address).hasSize(1);
            var email = emails.getFirst();
            String unsubscribe = WeeklyUpdateDesk.unsubscribeLink(email);
            assertThat(unsubscribe).as("List-Unsubscribe").startsWith(stack.gatewayUrl() + "/public/unsubscribe/");
            assertThat(WeeklyUpdateDesk.body(email)).contains("Hello Jefferson City High,", unsubscribe);
            assertThat(email.path("listUnsubscribePost").isString())
                    .as("no one-click header on an http link (RFC 8058 needs https): " + email)
                    .isFalse();
            link = link == null ? unsubscribe : link;
        }
        String first = title;
        Awaitility.await("the archive lists " + title)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> desk.archive().contains(first));

        HttpResponse<String> left = WeeklyUpdateDesk.oneClick(link);
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        String next = "Jefferson City next week " + suffix;
        desk.publish(WeeklyUpdateDesk.monday(1), next);
        delivered.awaitEmails(
                "next week's update at " + staying,
                mail -> Delivered.sentTo(mail, staying)
                        && mail.path("subject").asString().equals(next),
                Duration.ofSeconds(60));
        Thread.sleep(Duration.ofSeconds(5));
        assertThat(delivered.emails())
                .as("emails to the address that left, and to both of the first bulletin")
                .noneMatch(mail -> Delivered.sentTo(mail, leaving)
                        && mail.path("subject").asString().equals(next))
                .filteredOn(mail -> mail.path("subject").asString().equals(first))
                .hasSize(2);
    }

    /** The token of the acknowledgement link in the alert email sent to {@code address} (MIME soft breaks undone). */
    private static String acknowledgementToken(String address) throws Exception {
        java.util.regex.Pattern link =
                java.util.regex.Pattern.compile("/public/acknowledgements/([A-Za-z0-9_-]+\\.[0-9]+\\.[A-Za-z0-9_-]+)");
        for (var mail : new Delivered(stack.sinkUrl()).emails()) {
            if (Delivered.sentTo(mail, address)
                    && mail.path("subject").asString().startsWith("EXERCISE - ")) {
                var found = link.matcher(mail.path("body").asString().replaceAll("=\\r?\\n", ""));
                if (found.find()) {
                    return found.group(1);
                }
            }
        }
        throw new AssertionError("no acknowledgement link in the exercise email to the Kansas City desk");
    }

    /** A state broadcaster's draft of an exercise for one organisation, sent again until alert-service knows it. */
    private static String draftExercise(String broadcaster, String organisationId) {
        String body = """
                {"status":"Exercise","info":{"category":"Security","event":"Lockdown","urgency":"Immediate",
                 "severity":"Severe","certainty":"Observed","headline":"%s",
                 "description":"A planned lockdown drill.","instruction":"Lock doors and stay out of sight.",
                 "expires":"%s"},
                 "area":{"organisationIds":["%s"]}}
                """.formatted(
                        DRILL_HEADLINE,
                        Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS),
                        organisationId);
        return AlertDrafts.draft(stack, broadcaster, body);
    }

    /** The link in the verification email requested for an endpoint, once it is on the urgent lane. */
    private static Optional<String> verificationLink(String endpointId) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", stack.kafkaBootstrap());
        properties.put("isolation.level", "read_committed");
        try (var consumer =
                new KafkaConsumer<String, Object>(properties, new StringDeserializer(), new CloudEventDeserializer())) {
            var partitions = consumer.partitionsFor("delivery-requests-urgent").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof DeliveryRequested request
                            && request.endpointId().equals(endpointId)) {
                        return Optional.of(request.message().text().replaceAll("(?s).*?(http\\S+).*", "$1"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void sinksAnswerSoAPersonCanSeeWhatWasDelivered() throws Exception {
        String sink = stack.console().stream()
                .filter(line -> line.contains("sms+webhooks http://"))
                .map(line -> line.replaceAll(".*sms\\+webhooks (http://\\S+) .*", "$1"))
                .findFirst()
                .orElseThrow();
        for (String kind : new String[] {"emails", "sms", "webhooks"}) {
            HttpResponse<String> response = get(sink + "/sink/" + kind);
            assertThat(response.statusCode()).as(kind).isEqualTo(200);
            assertThat(response.body()).as(kind).startsWith("[");
        }
    }

    private static String token(String clientId) throws IOException, InterruptedException {
        return stack.token(clientId);
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a JSON body, or with none when {@code json} is empty. */
    private static HttpResponse<String> post(String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json.isEmpty()) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
