package org.schoolsafety.subscription.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.subscription.ApiClient;
import org.schoolsafety.subscription.TopicRecords;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.support.SendResult;

/**
 * Verification and consent on a real broker and Redis: a new endpoint receives its verification and nothing
 * else until an email recipient confirms a signed link, a webhook answers its test delivery with a 2xx, or a
 * phone replies YES; STOP, START and HELP act on a number in every organisation and are answered once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.webhooks.allowed-hosts=127.0.0.1",
            "ssn.links.base-url=https://alerts.example.org",
            "ssn.links.signing-key=verification-test-key-0123456789abcdef"
        })
@RealInfrastructure
class VerificationIT {

    static final String COLUMBIA = "mo-district-columbia-93";
    static final String KANSAS_CITY = "mo-district-kansas-city-33";
    static final String HICKMAN = "mo-school-david-h-hickman-high";
    static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";
    static final Pattern LINK = Pattern.compile("https://alerts\\.example\\.org/public/verifications/(\\S+)");

    @LocalServerPort
    private int port;

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private SignedLinks links;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private final TestIssuer issuer = TestIssuer.shared();
    private final String columbiaAdmin = issuer.token(COLUMBIA, "DISTRICT_ADMIN");
    private final String kansasCityAdmin = issuer.token(KANSAS_CITY, "DISTRICT_ADMIN");

    @Test
    void emailIsConfirmedByPressingConfirmOnTheSignedLinkNotByOpeningIt() throws Exception {
        String id = add(
                HICKMAN,
                "{\"channel\":\"EMAIL\",\"address\":\"nurse.office@cpsk12.example\","
                        + "\"feeds\":[\"URGENT_ALERTS\",\"WEEKLY_BULLETIN\"]}");
        DeliveryRequested verification = awaitRequests(id, 1).getFirst();
        assertThat(verification.feed()).isEqualTo(Feed.VERIFICATION);
        assertThat(verification.lane()).isEqualTo(Lane.URGENT);
        assertThat(verification.channel()).isEqualTo(Channel.EMAIL);
        assertThat(verification.address()).isEqualTo("nurse.office@cpsk12.example");
        assertThat(verification.message().subject()).contains("David H. Hickman High");
        assertThat(verification.message().html()).contains("href=\"https://alerts.example.org/public/verifications/");
        Matcher link = LINK.matcher(verification.message().text());
        assertThat(link.find()).as(verification.message().text()).isTrue();
        String token = link.group(1);

        HttpResponse<String> page = api().send("GET", "/public/verifications/" + token, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("nurse.office@cpsk12.example", "<form method=\"post\">");
        assertThat(verified(id))
                .as("opening the link (as a mail scanner does) confirms nothing")
                .isFalse();

        HttpResponse<String> confirmed = api().send("POST", "/public/verifications/" + token, null, null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Confirmed");
        assertThat(verified(id)).isTrue();
        assertThat(api().send("POST", "/public/verifications/" + token, null, null)
                        .statusCode())
                .as("confirming twice is harmless")
                .isEqualTo(200);
        assertThat(api().send("GET", "/public/verifications/" + token, null, null)
                        .body())
                .contains("already confirmed");
        ApiClient.assertProblem(
                api().send("POST", "/api/endpoints/" + id + "/verification", columbiaAdmin, null), 409, null);

        DocumentContext uncovered = ApiClient.json(
                api().send("GET", "/api/organisations/" + COLUMBIA + "/uncovered?limit=5000", columbiaAdmin, null),
                200);
        List<String> flagged = uncovered.read("$.organisations[*].id", List.class);
        assertThat(flagged)
                .as("a verified urgent-alert endpoint takes a school off the list")
                .doesNotContain(HICKMAN)
                .contains("mo-school-rock-bridge-elem")
                .allMatch(o -> o.equals(COLUMBIA) || o.startsWith("mo-school-"));
        assertThat(uncovered.read("$.count", Integer.class)).isEqualTo(flagged.size());
        ApiClient.assertProblem(
                api().send("GET", "/api/organisations/" + COLUMBIA + "/uncovered", kansasCityAdmin, null), 404, null);
        DocumentContext statewide = ApiClient.json(
                api().send(
                                "GET",
                                "/api/organisations/mo-state/uncovered?limit=5",
                                issuer.token("mo-state", "STATE_BROADCASTER"),
                                null),
                200);
        assertThat(statewide.read("$.count", Integer.class))
                .as("nearly every seeded district and school")
                .isGreaterThan(2500);
        assertThat(statewide.read("$.organisations.length()", Integer.class)).isEqualTo(5);
        assertThat(statewide.read("$.more", Boolean.class)).isTrue();
    }

    @Test
    void aRecipientLeavesTheWeeklyUpdateWithOneClickButNeverUrgentAlerts() throws Exception {
        String id = add(
                HICKMAN,
                "{\"channel\":\"EMAIL\",\"address\":\"library@cpsk12.example\","
                        + "\"feeds\":[\"URGENT_ALERTS\",\"WEEKLY_BULLETIN\",\"CYBER_ADVISORIES\"]}");
        String token = links.sign(Unsubscribes.PURPOSE, id + ":WEEKLY_BULLETIN", Duration.ofDays(60));

        HttpResponse<String> page = api().send("GET", "/public/unsubscribe/" + token, null, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("library@cpsk12.example", "weekly school safety update", "<form");
        assertThat(endpoint(id).read("$.feeds", List.class))
                .as("opening the link changes nothing")
                .contains("WEEKLY_BULLETIN");

        // what a mail client sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058)
        HttpResponse<String> oneClick = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + port + "/public/unsubscribe/" + token))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        assertThat(endpoint(id).read("$.feeds", List.class))
                .containsExactlyInAnyOrder("URGENT_ALERTS", "CYBER_ADVISORIES");
        assertThat(api().send("POST", "/public/unsubscribe/" + token, null, null)
                        .statusCode())
                .as("leaving twice is harmless")
                .isEqualTo(200);

        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/unsubscribe/"
                                        + links.sign(Unsubscribes.PURPOSE, id + ":URGENT_ALERTS", Duration.ofDays(1)),
                                null,
                                null),
                400,
                "token");
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/unsubscribe/"
                                        + links.sign(
                                                Verifications.PURPOSE, id + ":CYBER_ADVISORIES", Duration.ofDays(1)),
                                null,
                                null),
                400,
                "token");
        ApiClient.assertProblem(
                api().send(
                                "GET",
                                "/public/unsubscribe/"
                                        + links.sign(
                                                Unsubscribes.PURPOSE, id + ":CYBER_ADVISORIES", Duration.ofSeconds(-1)),
                                null,
                                null),
                410,
                null);
        assertThat(endpoint(id).read("$.feeds", List.class))
                .as("urgent alerts stay, whatever link is forged")
                .containsExactlyInAnyOrder("URGENT_ALERTS", "CYBER_ADVISORIES");
    }

    @Test
    void forgedExpiredAndDeadLinksAreProblemsNotPages() throws Exception {
        String id = add(ROCK_BRIDGE, "{\"channel\":\"EMAIL\",\"address\":\"front.desk@cpsk12.example\"}");
        String good = links.sign(Verifications.PURPOSE, id, Duration.ofDays(1));
        String[] parts = good.split("\\.");
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/verifications/" + parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "."
                                        + parts[2],
                                null,
                                null),
                400,
                "token");
        ApiClient.assertProblem(api().send("GET", "/public/verifications/not-a-token", null, null), 400, "token");
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/verifications/" + links.sign("unsubscribe", id, Duration.ofDays(1)),
                                null,
                                null),
                400,
                "token");
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/verifications/"
                                        + links.sign(Verifications.PURPOSE, id, Duration.ofSeconds(-1)),
                                null,
                                null),
                410,
                null);
        assertThat(verified(id)).isFalse();

        String other = add(ROCK_BRIDGE, "{\"channel\":\"EMAIL\",\"address\":\"counsellor@cpsk12.example\"}");
        assertThat(api().send("DELETE", "/api/endpoints/" + other, columbiaAdmin, null)
                        .statusCode())
                .isEqualTo(204);
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/public/verifications/" + links.sign(Verifications.PURPOSE, other, Duration.ofDays(1)),
                                null,
                                null),
                410,
                null);
    }

    @Test
    void aWebhookIsVerifiedOnlyByA2xxAnswerToItsTestDelivery() throws Exception {
        String id = add(COLUMBIA, "{\"channel\":\"WEBHOOK\",\"address\":\"https://93.184.215.14/ssn/verify\"}");
        DeliveryRequested test = awaitRequests(id, 1).getFirst();
        assertThat(test.feed()).isEqualTo(Feed.VERIFICATION);
        assertThat(test.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(test.message().text()).contains("2xx");

        publishAndAwaitConsent(
                id,
                new DeliveryFailed(
                        test.deliveryId(),
                        test.notificationId(),
                        id,
                        COLUMBIA,
                        Channel.WEBHOOK,
                        1,
                        "HTTP 500",
                        false,
                        Instant.now()));
        String alert = "alert-notification-1";
        publishAndAwaitConsent(
                id,
                new DeliverySucceeded(
                        DeliveryIds.of(alert, id), alert, id, COLUMBIA, Channel.WEBHOOK, 1, "200", Instant.now()));
        assertThat(verified(id))
                .as("a failed test delivery, or a success that is not the test delivery, verifies nothing")
                .isFalse();

        assertThat(api().send("POST", "/api/endpoints/" + id + "/verification", kansasCityAdmin, null)
                        .statusCode())
                .as("another district cannot see it, let alone resend")
                .isEqualTo(404);
        HttpResponse<String> resent = api().send("POST", "/api/endpoints/" + id + "/verification", columbiaAdmin, null);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        List<DeliveryRequested> tests = awaitRequests(id, 2);
        assertThat(tests.get(1).deliveryId()).as("a resend is a new delivery").isNotEqualTo(test.deliveryId());

        publishAndAwaitConsent(
                id,
                new DeliverySucceeded(
                        tests.get(1).deliveryId(),
                        tests.get(1).notificationId(),
                        id,
                        COLUMBIA,
                        Channel.WEBHOOK,
                        2,
                        "204",
                        Instant.now()));
        assertThat(verified(id)).isTrue();

        publishAndAwaitConsent(
                id, new EndpointDisabled(id, COLUMBIA, Channel.WEBHOOK, DeliveryFailed.GONE, null, Instant.now()));
        assertThat(verified(id))
                .as("an endpoint delivery-service found unusable (410 Gone) is disabled until it is verified again")
                .isFalse();
        assertThat(api().send("POST", "/api/endpoints/" + id + "/verification", columbiaAdmin, null)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void aVerificationThatCannotBeDeliveredIsShownOnTheEndpoint() throws Exception {
        String id = add(ROCK_BRIDGE, "{\"channel\":\"WEBHOOK\",\"address\":\"https://93.184.215.14/ssn/rock-bridge\"}");
        DeliveryRequested first = awaitRequests(id, 1).getFirst();
        assertThat(verification(id)).isEqualTo(Map.of("state", "SENT"));

        publishAndAwaitConsent(id, failed(first, 1, "HTTP 503", false));
        assertThat(verification(id))
                .as("retried: still on its way, with the error of the last attempt")
                .isEqualTo(Map.of("state", "SENT", "lastError", "HTTP 503"));

        publishAndAwaitConsent(id, failed(first, 6, "gave up after 6 attempts", true));
        assertThat(verification(id)).isEqualTo(Map.of("state", "FAILED", "lastError", "gave up after 6 attempts"));
        DocumentContext listed = ApiClient.json(
                api().send("GET", "/api/organisations/" + ROCK_BRIDGE + "/endpoints", columbiaAdmin, null), 200);
        assertThat(listed.read("$.endpoints[?(@.id == '" + id + "')].verification.state", List.class))
                .as("the organisation's list shows it too")
                .containsExactly("FAILED");

        HttpResponse<String> resent = api().send("POST", "/api/endpoints/" + id + "/verification", columbiaAdmin, null);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        DeliveryRequested second = awaitRequests(id, 2).get(1);
        assertThat(verification(id)).isEqualTo(Map.of("state", "SENT"));
        publishAndAwaitConsent(id, failed(first, 6, "gave up after 6 attempts", true));
        assertThat(verification(id))
                .as("a late outcome of an earlier verification changes nothing")
                .isEqualTo(Map.of("state", "SENT"));

        publishAndAwaitConsent(
                id,
                new DeliverySucceeded(
                        second.deliveryId(),
                        second.notificationId(),
                        id,
                        ROCK_BRIDGE,
                        Channel.WEBHOOK,
                        1,
                        "204",
                        Instant.now()));
        assertThat(verification(id)).isEqualTo(Map.of("state", "VERIFIED"));
        assertThat(verified(id)).isTrue();

        publishAndAwaitConsent(
                id, new EndpointDisabled(id, ROCK_BRIDGE, Channel.WEBHOOK, DeliveryFailed.GONE, null, Instant.now()));
        assertThat(verification(id))
                .as("disabled: unverified again, and why")
                .isEqualTo(Map.of("state", "FAILED", "lastError", "disabled: " + DeliveryFailed.GONE));
    }

    @Test
    void anEmailVerificationDeliveredWaitsForItsRecipientAndABounceIsShown() throws Exception {
        String id = add(ROCK_BRIDGE, "{\"channel\":\"EMAIL\",\"address\":\"front.office@cpsk12.example\"}");
        DeliveryRequested sent = awaitRequests(id, 1).getFirst();
        publishAndAwaitConsent(
                id,
                new DeliverySucceeded(
                        sent.deliveryId(),
                        sent.notificationId(),
                        id,
                        ROCK_BRIDGE,
                        Channel.EMAIL,
                        1,
                        "250 OK",
                        Instant.now()));
        assertThat(verification(id))
                .as("delivered, not verified: the recipient has not confirmed")
                .isEqualTo(Map.of("state", "SENT"));
        publishAndAwaitConsent(id, failed(sent, 1, "550 5.1.1 no such mailbox", true));
        assertThat(verification(id)).isEqualTo(Map.of("state", "FAILED", "lastError", "550 5.1.1 no such mailbox"));
    }

    @Test
    void smsKeywordsActOnTheNumberInEveryOrganisationAndAreAnsweredOnce() throws Exception {
        String number = "+15735550177";
        String hickman = add(
                HICKMAN,
                "{\"channel\":\"SMS\",\"address\":\"+1 (573) 555-0177\",\"feeds\":[\"URGENT_ALERTS\",\"WEEKLY_BULLETIN\"]}");
        String district = add(COLUMBIA, "{\"channel\":\"SMS\",\"address\":\"+15735550177\"}");
        DeliveryRequested ask = awaitRequests(hickman, 1).getFirst();
        assertThat(ask.feed()).isEqualTo(Feed.VERIFICATION);
        assertThat(ask.organisationName())
                .as("the organisation's name, as every request has it")
                .contains("Hickman");
        assertThat(ask.window()).as("the urgent lane is never held").isNull();
        assertThat(ask.message().text()).contains("reply YES", "STOP", "HELP");
        assertThat(ask.message().text().length()).as("one GSM-7 segment").isLessThanOrEqualTo(160);

        reply(number, "Yes", "SM-yes-1");
        assertThat(endpoint(hickman).read("$.verified", Boolean.class)).isTrue();
        assertThat(endpoint(district).read("$.verified", Boolean.class)).isTrue();
        assertThat(replies(number))
                .singleElement()
                .satisfies(r -> assertThat(r.message().text()).contains("confirmed"));

        reply(number, " stop ", "SM-stop-1");
        assertThat(endpoint(hickman).read("$.suppressed", Boolean.class)).isTrue();
        assertThat(endpoint(district).read("$.suppressed", Boolean.class)).isTrue();
        assertThat(endpoint(hickman).read("$.feeds", List.class))
                .as("the subscriptions stay; STOP suppresses them")
                .containsExactly("URGENT_ALERTS", "WEEKLY_BULLETIN");
        reply(number, "STOP", "SM-stop-1");
        List<DeliveryRequested> answers = replies(number);
        assertThat(answers).hasSize(3).allSatisfy(r -> assertThat(r.feed()).isEqualTo(Feed.VERIFICATION));
        assertThat(answers.get(1).message().text()).contains("no longer", "Emergency alerts", "START");
        assertThat(answers.get(2).deliveryId())
                .as("the same inbound message, redelivered, is answered with the same delivery id")
                .isEqualTo(answers.get(1).deliveryId());

        String kansasCity = add(KANSAS_CITY, "{\"channel\":\"SMS\",\"address\":\"+15735550177\"}", kansasCityAdmin);
        assertThat(endpoint(kansasCity, kansasCityAdmin).read("$.suppressed", Boolean.class))
                .as("a number that replied STOP stays stopped when another organisation adds it")
                .isTrue();

        reply(number, "HELP", "SM-help-1");
        reply(number, "what is this", "SM-chat-1");
        List<DeliveryRequested> afterHelp = replies(number);
        assertThat(afterHelp).hasSize(4);
        assertThat(afterHelp.getLast().message().text()).contains("STOP", "help");
        assertThat(endpoint(hickman).read("$.suppressed", Boolean.class)).isTrue();

        reply(number, "START", "SM-start-1");
        for (String[] each :
                new String[][] {{hickman, columbiaAdmin}, {district, columbiaAdmin}, {kansasCity, kansasCityAdmin}}) {
            DocumentContext state = endpoint(each[0], each[1]);
            assertThat(state.read("$.suppressed", Boolean.class)).isFalse();
            assertThat(state.read("$.verified", Boolean.class)).isTrue();
        }
    }

    @Test
    void nobodySubscribesToVerification() throws Exception {
        ApiClient.assertProblem(
                api().send(
                                "POST",
                                "/api/organisations/" + HICKMAN + "/endpoints",
                                columbiaAdmin,
                                "{\"channel\":\"EMAIL\",\"address\":\"x@cpsk12.example\",\"feeds\":[\"VERIFICATION\"]}"),
                400,
                "feeds");
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    /** The endpoint's {@code verification}, without its nulls. */
    private Map<String, Object> verification(String id) throws Exception {
        Map<String, Object> shown = endpoint(id).read("$.verification", Map.class);
        Map<String, Object> set = new java.util.TreeMap<>();
        shown.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        return set;
    }

    private static DeliveryFailed failed(DeliveryRequested request, int attempt, String reason, boolean permanent) {
        return new DeliveryFailed(
                request.deliveryId(),
                request.notificationId(),
                request.endpointId(),
                request.organisationId(),
                request.channel(),
                attempt,
                reason,
                permanent,
                Instant.now());
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private String add(String organisation, String body) throws Exception {
        return add(organisation, body, columbiaAdmin);
    }

    private String add(String organisation, String body, String token) throws Exception {
        DocumentContext created = ApiClient.json(
                api().send("POST", "/api/organisations/" + organisation + "/endpoints", token, body), 201);
        assertThat(created.read("$.verificationSent", Boolean.class)).isTrue();
        assertThat(created.read("$.endpoint.verified", Boolean.class)).isFalse();
        return created.read("$.endpoint.id", String.class);
    }

    private DocumentContext endpoint(String id) throws Exception {
        return endpoint(id, columbiaAdmin);
    }

    private DocumentContext endpoint(String id, String token) throws Exception {
        return ApiClient.json(api().send("GET", "/api/endpoints/" + id, token, null), 200);
    }

    private boolean verified(String id) throws Exception {
        return endpoint(id).read("$.verified", Boolean.class);
    }

    /** The verification messages sent to an endpoint so far, once there are {@code n}. */
    private List<DeliveryRequested> awaitRequests(String endpointId, int n) {
        return await(n + " verification(s) of " + endpointId)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> requests(endpointId, "verification-"), list -> list.size() >= n);
    }

    /** The answers to SMS keywords sent to a number, whichever of its endpoints they went through. */
    private List<DeliveryRequested> replies(String number) {
        return requests(r -> r.address().equals(number) && r.notificationId().startsWith("sms-reply-"));
    }

    private List<DeliveryRequested> requests(String endpointId, String prefix) {
        return requests(
                r -> r.endpointId().equals(endpointId) && r.notificationId().startsWith(prefix));
    }

    private List<DeliveryRequested> requests(Predicate<DeliveryRequested> which) {
        return TopicRecords.readAll(bootstrap, "read_committed", List.of(Topics.DELIVERY_REQUESTS_URGENT.name()))
                .stream()
                .filter(DeliveryRequested.class::isInstance)
                .map(DeliveryRequested.class::cast)
                .filter(which)
                .sorted(Comparator.comparing(DeliveryRequested::requestedAt))
                .toList();
    }

    private void reply(String from, String body, String providerId) throws Exception {
        publishAndAwaitConsent(from, new SmsReceived(from, "+15735550100", body, providerId, Instant.now()));
    }

    /** Publishes on delivery-outcomes and waits until the consent listener has committed past the record. */
    private void publishAndAwaitConsent(String key, Object event) throws Exception {
        SendResult<String, Object> sent =
                publisher.publish(Topics.DELIVERY_OUTCOMES, key, event).get();
        TopicPartition partition = new TopicPartition(
                sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition());
        long next = sent.getRecordMetadata().offset() + 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("consent past " + partition + "@" + next)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        OffsetAndMetadata committed = admin.listConsumerGroupOffsets("consent")
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(partition);
                        return committed != null && committed.offset() >= next;
                    });
        }
    }
}
