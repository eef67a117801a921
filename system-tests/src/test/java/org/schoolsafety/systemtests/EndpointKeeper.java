package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organisation's endpoint keeper (a demo client of the stack's issuer), only at the gateway: adds an endpoint
 * and takes it through its verification as its recipient would, until the endpoint reads verified. The email's
 * link is read from the SMTP sink and confirmed; the SMS question's YES is posted, signed, as the provider would;
 * a webhook's signed test delivery reaches the sink by itself.
 */
final class EndpointKeeper {

    /** A verified endpoint; {@code secret} is a webhook's signing secret (null for email and SMS). */
    record Endpoint(String id, String address, String secret) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("http://\\S+?/public/verifications/[\\w.-]+");

    private final LocalStackProcess stack;
    private final String clientId;
    private final Delivered delivered;

    EndpointKeeper(LocalStackProcess stack, String clientId) {
        this.stack = stack;
        this.clientId = clientId;
        this.delivered = new Delivered(stack.sinkUrl());
    }

    /**
     * A webhook to the stack's receiver at {@code /webhooks/<name>}; {@code settings} are further members of the
     * request, e.g. {@code "format":"JSON","drills":true}.
     */
    Endpoint webhook(String organisationId, String name, String settings) throws Exception {
        JsonNode created = add(organisationId, "WEBHOOK", stack.sinkUrl() + "/webhooks/" + name, settings);
        Endpoint endpoint = endpoint(created);
        assertThat(endpoint.secret()).startsWith("whsec_");
        awaitVerified(endpoint);
        return endpoint;
    }

    Endpoint email(String organisationId, String address, String settings) throws Exception {
        Endpoint endpoint = endpoint(add(organisationId, "EMAIL", address, settings));
        String link = Awaitility.await("the confirmation link emailed to " + address)
                .atMost(STEP)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> confirmationLink(endpoint.address()), Optional::isPresent)
                .orElseThrow();
        HttpResponse<String> confirmed = HTTP.send(
                HttpRequest.newBuilder(URI.create(link))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        awaitVerified(endpoint);
        return endpoint;
    }

    Endpoint sms(String organisationId, String number, String settings) throws Exception {
        Endpoint endpoint = endpoint(add(organisationId, "SMS", number, settings));
        delivered.awaitSms(
                "the question to " + number + " at the provider",
                sms -> sms.path("to").asString().equals(endpoint.address())
                        && sms.path("body").asString().contains("YES"),
                STEP);
        String url = stack.gatewayUrl() + "/public/sms/inbound";
        HttpResponse<String> answered = HTTP.send(
                SmsReply.request(
                        url,
                        SmsReply.form(endpoint.address(), "YES", "SMyes" + endpoint.id()),
                        SmsReply.PROVIDER_TOKEN),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        awaitVerified(endpoint);
        return endpoint;
    }

    private JsonNode add(String organisationId, String channel, String address, String settings) throws Exception {
        String body = "{\"channel\":\"" + channel + "\",\"address\":\"" + address + "\""
                + (settings.isBlank() ? "" : "," + settings) + "}";
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(stack.gatewayUrl() + "/api/organisations/" + organisationId + "/endpoints"))
                        .header("Authorization", "Bearer " + stack.token(clientId))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static Endpoint endpoint(JsonNode created) {
        JsonNode endpoint = created.path("endpoint");
        String secret =
                created.path("secret").isString() ? created.path("secret").asString() : null;
        return new Endpoint(
                endpoint.path("id").asString(), endpoint.path("address").asString(), secret);
    }

    private void awaitVerified(Endpoint endpoint) {
        Awaitility.await(endpoint.id() + " verified")
                .atMost(STEP)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> read(endpoint.id()).path("verified").asBoolean());
    }

    private JsonNode read(String endpointId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/endpoints/" + endpointId))
                        .header("Authorization", "Bearer " + stack.token(clientId))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The link in the confirmation email to {@code address}, once it is at the SMTP sink. */
    private Optional<String> confirmationLink(String address) throws IOException, InterruptedException {
        for (JsonNode email : delivered.emails()) {
            if (Delivered.sentTo(email, address)
                    && email.path("subject").asString().startsWith("Confirm school safety messages")) {
                // undo quoted-printable soft line breaks, should the relay's copy have them
                String body = email.path("body").asString().replace("=\r\n", "").replace("=\n", "");
                Matcher link = CONFIRMATION_LINK.matcher(body);
                if (link.find()) {
                    return Optional.of(link.group());
                }
            }
        }
        return Optional.empty();
    }
}
