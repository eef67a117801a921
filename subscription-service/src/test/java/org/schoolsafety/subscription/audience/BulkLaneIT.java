package org.schoolsafety.subscription.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.subscription.ApiClient.assertProblem;
import static org.schoolsafety.subscription.ApiClient.json;

import com.jayway.jsonpath.DocumentContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.subscription.ApiClient;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bulk lane on a real broker and Redis: an organisation's delivery window is set through the organisation API by
 * whoever administers it, validated, and carried (its own, else its nearest ancestor's, else the default) by every
 * bulk delivery request with the organisation's name; urgent requests carry the name and never a window. And the
 * weekly update reaches only those who still want it: one-click unsubscribes, STOP and the SMS choice hold. (Longer
 * than most classes: three scenarios share one started service, which is what costs.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.links.base-url=https://alerts.example.org",
            "ssn.links.signing-key=bulk-lane-test-key-0123456789abcdef"
        })
@RealInfrastructure
class BulkLaneIT {

    static final String COLUMBIA = "mo-district-columbia-93";
    static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";
    static final String JEFFERSON_CITY = "mo-district-jefferson-city";
    static final String KANSAS_CITY = "mo-district-kansas-city-33";
    static final DeliveryWindow COLUMBIA_HOURS =
            new DeliveryWindow(LocalTime.of(7, 0), LocalTime.of(18, 0), "America/Chicago");

    @LocalServerPort
    private int port;

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private EndpointView endpoints;

    @Autowired
    private SignedLinks links;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private final TestIssuer issuer = TestIssuer.shared();
    private final String stateAdmin = issuer.token("mo-state", "STATE_ADMIN");
    private final String columbiaAdmin = issuer.token(COLUMBIA, "DISTRICT_ADMIN");
    private final String rockBridgeCoordinator = issuer.token(ROCK_BRIDGE, "SCHOOL_COORDINATOR");

    private Expansions expansions;

    @BeforeEach
    void fixtures() {
        expansions = new Expansions(publisher, endpoints, bootstrap);
    }

    @Test
    void aDistrictSetsItsWindowItsSchoolsInheritItAndBulkRequestsCarryIt() throws Exception {
        String school = expansions.endpoint(
                "ep-window-school", ROCK_BRIDGE, Channel.EMAIL, "office@rockbridge.example", bothFeeds());
        String district = expansions.endpoint("ep-window-district", COLUMBIA, Channel.SMS, "+15735550301", bothFeeds());
        String elsewhere = expansions.endpoint(
                "ep-window-elsewhere", JEFFERSON_CITY, Channel.WEBHOOK, "https://93.184.215.14/jc", bothFeeds());
        Audience three = Audience.organisations(List.of(COLUMBIA, JEFFERSON_CITY));

        DocumentContext set =
                json(patch(COLUMBIA, columbiaAdmin, "{\"deliveryWindow\":" + windowJson("07:00", "18:00") + "}"), 200);
        assertThat(set.read("$.deliveryWindow.opens", String.class)).isEqualTo("07:00");
        assertThat(set.read("$.deliveryWindow.closes", String.class)).isEqualTo("18:00");
        assertThat(set.read("$.deliveryWindow.zone", String.class)).isEqualTo("America/Chicago");
        assertThat(json(api().send("GET", "/api/organisations/" + COLUMBIA, columbiaAdmin, null), 200)
                        .read("$.organisation.deliveryWindow.opens", String.class))
                .isEqualTo("07:00");

        Expansions.Expansion bulletin =
                expansions.expand(Expansions.notification("bulletin-window-1", Feed.WEEKLY_BULLETIN, Lane.BULK, three));
        assertThat(bulletin.endpointIds()).containsExactlyInAnyOrder(school, district, elsewhere);
        assertThat(bulletin.to(district).window()).isEqualTo(COLUMBIA_HOURS);
        assertThat(bulletin.to(school).window())
                .as("a school without a window of its own takes its district's")
                .isEqualTo(COLUMBIA_HOURS);
        assertThat(bulletin.to(elsewhere).window())
                .as("nobody up the line set one: the default")
                .isEqualTo(DeliveryWindow.DEFAULT);
        assertThat(bulletin.to(district).organisationName()).isEqualTo("Columbia 93");
        assertThat(bulletin.to(school).organisationName()).isEqualTo(name(ROCK_BRIDGE));
        assertThat(bulletin.to(elsewhere).organisationName()).isEqualTo(name(JEFFERSON_CITY));
        assertThat(bulletin.requests()).allSatisfy(r -> assertThat(r.lane()).isEqualTo(Lane.BULK));

        Expansions.Expansion alert =
                expansions.expand(Expansions.notification("urgent-window", Feed.URGENT_ALERTS, Lane.URGENT, three));
        assertThat(alert.endpointIds()).containsExactlyInAnyOrder(school, district, elsewhere);
        assertThat(alert.requests())
                .as("urgent alerts are never held: no window, but the name all the same")
                .allSatisfy(r -> {
                    assertThat(r.window()).isNull();
                    assertThat(r.organisationName()).isNotBlank();
                });
        assertThat(alert.to(district).organisationName()).isEqualTo("Columbia 93");

        // the school gets hours of its own; the district goes back to the default
        json(patch(ROCK_BRIDGE, columbiaAdmin, "{\"deliveryWindow\":" + windowJson("08:30", "15:30") + "}"), 200);
        assertThat(json(patch(COLUMBIA, stateAdmin, "{\"deliveryWindow\":null}"), 200)
                        .read("$.deliveryWindow", Object.class))
                .isNull();
        Expansions.Expansion next =
                expansions.expand(Expansions.notification("bulletin-window-2", Feed.WEEKLY_BULLETIN, Lane.BULK, three));
        assertThat(next.to(school).window())
                .isEqualTo(new DeliveryWindow(LocalTime.of(8, 30), LocalTime.of(15, 30), "America/Chicago"));
        assertThat(next.to(district).window()).isEqualTo(DeliveryWindow.DEFAULT);
        assertThat(json(api().send("GET", "/api/organisations/" + COLUMBIA, stateAdmin, null), 200)
                        .read("$.organisation.name", String.class))
                .as("a window change leaves the rest of the organisation as it was")
                .isEqualTo("Columbia 93");
    }

    @Test
    void onlyTheOrganisationsAdministratorsSetItsWindowAndBadWindowsNameTheirField() throws Exception {
        String window = "{\"deliveryWindow\":" + windowJson("07:00", "18:00") + "}";
        assertProblem(patch(JEFFERSON_CITY, columbiaAdmin, window), 403, null);
        assertProblem(patch(ROCK_BRIDGE, rockBridgeCoordinator, window), 403, null);
        assertProblem(patch(COLUMBIA, issuer.token("mo-state", "STATE_BROADCASTER"), window), 403, null);
        assertProblem(
                patch(COLUMBIA, columbiaAdmin, "{\"name\":\"Columbia Public Schools\",\"deliveryWindow\":null}"),
                403,
                null);
        assertProblem(patch("mo-district-nowhere", stateAdmin, window), 404, null);

        assertProblem(
                patch(COLUMBIA, columbiaAdmin, "{\"deliveryWindow\":" + windowJson("25:00", "18:00") + "}"),
                400,
                "deliveryWindow.opens");
        assertProblem(
                patch(COLUMBIA, columbiaAdmin, "{\"deliveryWindow\":" + windowJson("07:00", "6pm") + "}"),
                400,
                "deliveryWindow.closes");
        assertProblem(
                patch(
                        COLUMBIA,
                        columbiaAdmin,
                        "{\"deliveryWindow\":{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"Mars/Olympus\"}}"),
                400,
                "deliveryWindow.zone");
        assertProblem(
                patch(COLUMBIA, columbiaAdmin, "{\"deliveryWindow\":{\"opens\":\"07:00\",\"closes\":\"18:00\"}}"),
                400,
                "deliveryWindow.zone");
        assertProblem(patch(COLUMBIA, columbiaAdmin, "{\"deliveryWindow\":\"07:00-18:00\"}"), 400, "deliveryWindow");
        assertThat(json(api().send("GET", "/api/organisations/" + COLUMBIA, stateAdmin, null), 200)
                        .read("$.organisation.deliveryWindow", Object.class))
                .as("nothing refused was stored")
                .isNull();
    }

    @Test
    void theWeeklyUpdateHonoursOneClickUnsubscribeStopAndTheSmsChoice() throws Exception {
        List<Feed> bulletinAndAlerts = bothFeeds();
        String leaving = expansions.endpoint(
                "ep-kc-leaving", KANSAS_CITY, Channel.EMAIL, "leaving@kcps.example", bulletinAndAlerts);
        String staying = expansions.endpoint(
                "ep-kc-staying", KANSAS_CITY, Channel.EMAIL, "staying@kcps.example", bulletinAndAlerts);
        String smsBulletin =
                expansions.endpoint("ep-kc-sms-bulletin", KANSAS_CITY, Channel.SMS, "+18165550101", bulletinAndAlerts);
        String smsAlertsOnly = expansions.endpoint(
                "ep-kc-sms-alerts", KANSAS_CITY, Channel.SMS, "+18165550102", List.of(Feed.URGENT_ALERTS));
        String smsStopped =
                expansions.endpoint("ep-kc-sms-stopped", KANSAS_CITY, Channel.SMS, "+18165550103", bulletinAndAlerts);
        Audience kansasCity = Audience.organisations(List.of(KANSAS_CITY));

        // the one-click POST a mail client sends for List-Unsubscribe-Post (RFC 8058)
        String token = links.sign("unsubscribe", leaving + ":WEEKLY_BULLETIN", Duration.ofDays(60));
        HttpResponse<String> oneClick = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/unsubscribe/" + token))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        assertThat(endpoints.get(leaving).orElseThrow().feeds()).containsExactly(Feed.URGENT_ALERTS);

        publisher
                .publish(
                        Topics.DELIVERY_OUTCOMES,
                        "+18165550103",
                        new SmsReceived("+18165550103", "+15735550100", "STOP", "SM-bulk-stop-1", Instant.now()))
                .get();
        await("STOP applied")
                .atMost(Duration.ofSeconds(30))
                .until(() -> endpoints.get(smsStopped).orElseThrow().suppressed());

        Expansions.Expansion bulletin = expansions.expand(
                Expansions.notification("bulletin-consent", Feed.WEEKLY_BULLETIN, Lane.BULK, kansasCity));
        assertThat(bulletin.endpointIds())
                .as("not the email that left with one click, not the number that replied STOP, and no number that"
                        + " did not choose the update")
                .containsExactlyInAnyOrder(staying, smsBulletin);
        assertThat(bulletin.requests().stream().map(DeliveryRequested::feed)).containsOnly(Feed.WEEKLY_BULLETIN);

        Expansions.Expansion alert = expansions.expand(
                Expansions.notification("urgent-consent", Feed.URGENT_ALERTS, Lane.URGENT, kansasCity));
        assertThat(alert.endpointIds())
                .as("leaving the update and STOP never take urgent alerts away")
                .containsExactlyInAnyOrder(leaving, staying, smsBulletin, smsAlertsOnly, smsStopped);
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private static List<Feed> bothFeeds() {
        return List.of(Feed.URGENT_ALERTS, Feed.WEEKLY_BULLETIN);
    }

    private static String windowJson(String opens, String closes) {
        return "{\"opens\":\"" + opens + "\",\"closes\":\"" + closes + "\",\"zone\":\"America/Chicago\"}";
    }

    private HttpResponse<String> patch(String organisation, String token, String body) throws Exception {
        return api().send("PATCH", "/api/organisations/" + organisation, token, body);
    }

    private String name(String organisation) throws Exception {
        return json(api().send("GET", "/api/organisations/" + organisation, stateAdmin, null), 200)
                .read("$.organisation.name", String.class);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}
