package org.schoolsafety.subscription.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.subscription.ApiClient;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Endpoints and subscriptions of an organisation on a real broker and Redis: added by the people who look
 * after it, checked (E.164, HTTPS and no private network for webhooks), never duplicated, scoped to the
 * caller's part of the directory, with webhook secrets shown once and rotated with an overlap, and urgent
 * alerts that an organisation cannot switch off as a whole.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ssn.webhooks.allowed-hosts=127.0.0.1")
@RealInfrastructure
class EndpointIT {

    static final String COLUMBIA = "mo-district-columbia-93";
    static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";
    static final String KANSAS_CITY = "mo-district-kansas-city-33";

    @LocalServerPort
    private int port;

    private final TestIssuer issuer = TestIssuer.shared();
    private final String columbiaAdmin = issuer.token(COLUMBIA, "DISTRICT_ADMIN");
    private final String kansasCityAdmin = issuer.token(KANSAS_CITY, "DISTRICT_ADMIN");
    private final String rockBridge = issuer.token(ROCK_BRIDGE, "SCHOOL_COORDINATOR");

    @Test
    void aDistrictAddsEmailSmsAndAWebhookWhoseSecretIsShownOnce() throws Exception {
        String org = "mo-school-david-h-hickman-high";
        DocumentContext email = json(
                add(
                        org,
                        columbiaAdmin,
                        "{\"channel\":\"EMAIL\",\"address\":\" Safety.Office@CPSK12.Example \","
                                + "\"role\":\"SAFETY_COORDINATOR\",\"feeds\":[\"URGENT_ALERTS\",\"WEEKLY_BULLETIN\"]}"),
                201);
        assertThat(email.read("$.endpoint.address", String.class)).isEqualTo("safety.office@cpsk12.example");
        assertThat(email.read("$.endpoint.verified", Boolean.class)).isFalse();
        assertThat(email.read("$.secret", String.class)).isNull();

        DocumentContext sms =
                json(add(org, columbiaAdmin, "{\"channel\":\"SMS\",\"address\":\"+1 (573) 555-0142\"}"), 201);
        assertThat(sms.read("$.endpoint.address", String.class)).isEqualTo("+15735550142");
        assertThat(sms.read("$.endpoint.feeds", List.class)).containsExactly("URGENT_ALERTS");

        HttpResponse<String> created = add(
                org,
                columbiaAdmin,
                "{\"channel\":\"WEBHOOK\",\"address\":"
                        + "\"https://93.184.215.14/hooks/ssn\",\"format\":\"CAP_XML\",\"role\":\"IT_SYSTEM\","
                        + "\"feeds\":[\"URGENT_ALERTS\",\"CYBER_ADVISORIES\"],\"minCyberSeverity\":\"HIGH\",\"drills\":true}");
        DocumentContext webhook = json(created, 201);
        String id = webhook.read("$.endpoint.id", String.class);
        String secret = webhook.read("$.secret", String.class);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(webhook.read("$.endpoint.minCyberSeverity", String.class)).isEqualTo("high");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/endpoints/" + id);

        HttpResponse<String> read = get("/api/endpoints/" + id, columbiaAdmin);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret).contains("\"signingSecrets\":1", "\"format\":\"CAP_XML\"");
        DocumentContext list = json(get("/api/organisations/" + org + "/endpoints", columbiaAdmin), 200);
        assertThat(list.read("$.endpoints.length()", Integer.class)).isEqualTo(3);
        assertThat(list.read("$.urgentAlertsCovered", Boolean.class))
                .as("no endpoint is verified yet: the school is flagged")
                .isFalse();
        assertThat(list.jsonString()).doesNotContain(secret);

        assertProblem(add(org, columbiaAdmin, "{\"channel\":\"SMS\",\"address\":\"+15735550142\"}"), 409, "address");
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"safety.office@cpsk12.EXAMPLE\"}"),
                409,
                "address");
    }

    @Test
    void badAddressesAndSettingsAreProblemsNamingTheField() throws Exception {
        String org = "mo-school-rock-bridge-elem";
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"not-an-address\"}"), 400, "address");
        assertProblem(add(org, columbiaAdmin, "{\"channel\":\"SMS\",\"address\":\"573-555-0142\"}"), 400, "address");
        assertProblem(add(org, columbiaAdmin, "{\"channel\":\"SMS\",\"address\":\"+10735550142\"}"), 400, "address");
        for (String url : List.of(
                "http://93.184.215.14/hook",
                "https://10.0.0.5/hook",
                "https://192.168.1.20/hook",
                "https://172.16.0.1/hook",
                "https://localhost/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[::ffff:10.0.0.1]/hook",
                "https://0.0.0.0/hook",
                "https://user:pw@93.184.215.14/hook",
                "https://no-such-host.invalid/hook")) {
            assertProblem(
                    add(org, columbiaAdmin, "{\"channel\":\"WEBHOOK\",\"address\":\"" + url + "\"}"), 400, "address");
        }
        assertProblem(add(org, columbiaAdmin, "{\"channel\":\"PIGEON\",\"address\":\"x\"}"), 400, "channel");
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"a@b.example\",\"feeds\":[\"GOSSIP\"]}"),
                400,
                "feeds");
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"a@b.example\",\"format\":\"JSON\"}"),
                400,
                "format");
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"a@b.example\",\"role\":\"JANITOR\"}"),
                400,
                "role");
        assertProblem(
                add(
                        org,
                        columbiaAdmin,
                        "{\"channel\":\"EMAIL\",\"address\":\"a@b.example\",\"minCyberSeverity\":\"spicy\"}"),
                400,
                "minCyberSeverity");
        assertProblem(
                add("mo-nowhere", columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"a@b.example\"}"), 404, null);
        // the deployment's allow-list (here the loopback address the tests and the local stack use)
        json(add(org, columbiaAdmin, "{\"channel\":\"WEBHOOK\",\"address\":\"https://127.0.0.1:8443/hook\"}"), 201);
        // and plain http only there (a local sink); a public host still needs https
        json(
                add(org, columbiaAdmin, "{\"channel\":\"WEBHOOK\",\"address\":\"http://127.0.0.1:8025/webhooks/x\"}"),
                201);
        assertProblem(
                add(org, columbiaAdmin, "{\"channel\":\"WEBHOOK\",\"address\":\"https://xn--/hook\"}"), 400, "address");
    }

    @Test
    void nobodyReadsOrChangesAnotherDistrictsEndpoints() throws Exception {
        String id = json(
                        add(
                                ROCK_BRIDGE,
                                rockBridge,
                                "{\"channel\":\"EMAIL\",\"address\":\"office@rockbridge.example\"}"),
                        201)
                .read("$.endpoint.id", String.class);
        assertThat(json(get("/api/endpoints/" + id, columbiaAdmin), 200).read("$.organisationId", String.class))
                .isEqualTo(ROCK_BRIDGE);

        assertProblem(get("/api/endpoints/" + id, kansasCityAdmin), 404, null);
        assertProblem(get("/api/organisations/" + ROCK_BRIDGE + "/endpoints", kansasCityAdmin), 404, null);
        assertProblem(patch("/api/endpoints/" + id, kansasCityAdmin, "{\"drills\":true}"), 404, null);
        assertProblem(send("DELETE", "/api/endpoints/" + id, kansasCityAdmin, null), 404, null);
        assertProblem(send("POST", "/api/endpoints/" + id + "/rotate-secret", kansasCityAdmin, "{}"), 404, null);
        assertProblem(
                add(ROCK_BRIDGE, kansasCityAdmin, "{\"channel\":\"EMAIL\",\"address\":\"x@kc.example\"}"), 404, null);
        // a school does not reach its district, nor a state role without the administrator role change anything
        assertProblem(get("/api/organisations/" + COLUMBIA + "/endpoints", rockBridge), 404, null);
        String broadcaster = issuer.token("mo-state", "STATE_BROADCASTER");
        assertThat(get("/api/endpoints/" + id, broadcaster).statusCode()).isEqualTo(200);
        assertProblem(patch("/api/endpoints/" + id, broadcaster, "{\"drills\":true}"), 403, null);
        assertProblem(add(ROCK_BRIDGE, broadcaster, "{\"channel\":\"EMAIL\",\"address\":\"y@rb.example\"}"), 403, null);
        assertThat(json(get("/api/endpoints/" + id, rockBridge), 200).read("$.drills", Boolean.class))
                .isFalse();
    }

    @Test
    void urgentAlertsCannotBeSwitchedOffForAWholeOrganisation() throws Exception {
        String org = "mo-school-beulah-ralph-elementary";
        String first = json(
                        add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"office@beulah.example\"}"), 201)
                .read("$.endpoint.id", String.class);
        assertProblem(
                patch("/api/endpoints/" + first, columbiaAdmin, "{\"feeds\":[\"WEEKLY_BULLETIN\"]}"), 409, "feeds");
        assertProblem(send("DELETE", "/api/endpoints/" + first, columbiaAdmin, null), 409, "feeds");
        assertProblem(
                patch("/api/endpoints/" + first, columbiaAdmin, "{\"address\":\"new@beulah.example\"}"),
                400,
                "address");

        String second = json(add(org, columbiaAdmin, "{\"channel\":\"SMS\",\"address\":\"+15735550199\"}"), 201)
                .read("$.endpoint.id", String.class);
        DocumentContext changed = json(
                patch("/api/endpoints/" + first, columbiaAdmin, "{\"feeds\":[\"WEEKLY_BULLETIN\"],\"drills\":true}"),
                200);
        assertThat(changed.read("$.feeds", List.class)).containsExactly("WEEKLY_BULLETIN");
        assertThat(changed.read("$.drills", Boolean.class)).isTrue();
        assertProblem(send("DELETE", "/api/endpoints/" + second, columbiaAdmin, null), 409, "feeds");
        assertThat(send("DELETE", "/api/endpoints/" + first, columbiaAdmin, null)
                        .statusCode())
                .isEqualTo(204);
        assertProblem(get("/api/endpoints/" + first, columbiaAdmin), 404, null);
        assertThat(json(get("/api/organisations/" + org + "/endpoints", columbiaAdmin), 200)
                        .read("$.endpoints[*].id", List.class))
                .containsExactly(second);
        // the removed address may be added again
        json(add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"office@beulah.example\"}"), 201);
    }

    @Test
    void aWebhookSecretRotatesWithAnOverlapAndExpiredSecretsAreDropped() throws Exception {
        String org = "mo-school-alpha-hart-lewis";
        DocumentContext webhook = json(
                add(
                        org,
                        columbiaAdmin,
                        "{\"channel\":\"WEBHOOK\",\"address\":" + "\"https://93.184.215.14/hooks/alpha\"}"),
                201);
        String id = webhook.read("$.endpoint.id", String.class);
        String first = webhook.read("$.secret", String.class);

        DocumentContext rotated = json(
                send("POST", "/api/endpoints/" + id + "/rotate-secret", columbiaAdmin, "{\"overlapHours\":48}"), 200);
        String second = rotated.read("$.secret", String.class);
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(rotated.read("$.endpoint.signingSecrets", Integer.class)).isEqualTo(2);

        // no overlap: the second secret stops at once, the first keeps its 48 hours
        DocumentContext again = json(
                send("POST", "/api/endpoints/" + id + "/rotate-secret", columbiaAdmin, "{\"overlapHours\":0}"), 200);
        assertThat(again.read("$.endpoint.signingSecrets", Integer.class)).isEqualTo(2);
        assertProblem(
                send("POST", "/api/endpoints/" + id + "/rotate-secret", columbiaAdmin, "{\"overlapHours\":500}"),
                400,
                "overlapHours");

        String email = json(add(org, columbiaAdmin, "{\"channel\":\"EMAIL\",\"address\":\"a@alpha.example\"}"), 201)
                .read("$.endpoint.id", String.class);
        assertProblem(send("POST", "/api/endpoints/" + email + "/rotate-secret", columbiaAdmin, "{}"), 409, null);
    }

    private HttpResponse<String> add(String organisation, String token, String body) throws Exception {
        return send("POST", "/api/organisations/" + organisation + "/endpoints", token, body);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private HttpResponse<String> patch(String path, String token, String body) throws Exception {
        return send("PATCH", path, token, body);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return new ApiClient(port).send(method, path, token, body);
    }

    private static DocumentContext json(HttpResponse<String> response, int status) {
        return ApiClient.json(response, status);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        ApiClient.assertProblem(response, status, field);
    }
}
