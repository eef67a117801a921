package org.schoolsafety.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.schoolsafety.localstack.issuer.DevIssuerApplication;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a newcomer finds in a fresh stack besides the directory: a few verified subscribers of the weekly update
 * (two district webhooks into the sink, two school and district email addresses) and this week's bulletin,
 * published, so that the archive at {@code /feeds/bulletins} and the sinks show something at once. Everything goes
 * through the gateway with the demo identities' tokens, as a user's client would; the email confirmations are
 * read from the SMTP sink and followed.
 */
final class DemoContent {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("http://\\S+?/public/verifications/[\\w.-]+");
    private static final Duration STEP = Duration.ofSeconds(30);

    private final StackOptions options;
    private final String sinkUrl;
    private final Logger log;

    DemoContent(StackOptions options, String sinkUrl, Logger log) {
        this.options = options;
        this.sinkUrl = sinkUrl;
        this.log = log;
    }

    /** Seeds the subscribers and the bulletin; a failure is logged, and the stack runs on without them. */
    void seed() {
        try {
            webhook("columbia-93-admin", "mo-district-columbia-93", "columbia-93-sis");
            webhook("kansas-city-33-admin", "mo-district-kansas-city-33", "kansas-city-33-sis");
            email("columbia-93-admin", "mo-district-columbia-93", "safety@columbia93.example.org");
            email("rock-bridge-coordinator", "mo-school-rock-bridge-sr-high", "office@rockbridge.example.org");
            String bulletin = publishBulletin();
            log.info(
                    "demo    4 subscribers of the weekly update; bulletin {} published: {}/feeds/bulletins",
                    bulletin,
                    options.gatewayUrl());
        } catch (IOException | RuntimeException e) {
            log.warn("demo content was not seeded ({}); the stack runs without it", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void webhook(String client, String organisationId, String name) throws IOException, InterruptedException {
        JsonNode created = addEndpoint(client, organisationId, "WEBHOOK", sinkUrl + "/webhooks/" + name);
        awaitVerified(client, created.path("endpoint").path("id").asString());
    }

    private void email(String client, String organisationId, String address) throws IOException, InterruptedException {
        JsonNode created = addEndpoint(client, organisationId, "EMAIL", address);
        String link = awaitConfirmationLink(address);
        send(HttpRequest.newBuilder(URI.create(link)).POST(HttpRequest.BodyPublishers.noBody()), 200);
        awaitVerified(client, created.path("endpoint").path("id").asString());
    }

    private JsonNode addEndpoint(String client, String organisationId, String channel, String address)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(
                Map.of("channel", channel, "address", address, "feeds", List.of("URGENT_ALERTS", "WEEKLY_BULLETIN")));
        return send(
                api("/api/organisations/" + organisationId + "/endpoints", client)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                201);
    }

    private String publishBulletin() throws IOException, InterruptedException {
        LocalDate monday =
                LocalDate.now(ZoneId.of("America/Chicago")).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Map<String, Object> draft = Map.of(
                "weekOf",
                monday.toString(),
                "title",
                "Missouri School Safety Weekly Update",
                "sections",
                List.of(
                        Map.of(
                                "kind",
                                "this-week",
                                "markdown",
                                "Welcome to the local stack. This bulletin was seeded at start so that the archive,"
                                        + " its feeds and the sinks have something to show.\n\n"
                                        + "* Review **visitor check-in** procedures with front-office staff.\n"
                                        + "* Confirm that every building's emergency contacts are current."),
                        Map.of(
                                "kind",
                                "cyber-corner",
                                "markdown",
                                "Check the [CISA Known Exploited Vulnerabilities catalog]"
                                        + "(https://www.cisa.gov/known-exploited-vulnerabilities-catalog)"
                                        + " against your district's firewalls and VPN appliances.")),
                "links",
                List.of(Map.of("title", "Missouri School Safety", "url", "https://dese.mo.gov/")));
        // the week's draft, as the service assembles it every Monday (or already has), then the demo's content
        HttpResponse<String> assembled = HTTP.send(
                api("/api/bulletins/drafts/assemble?week=" + monday, "state-editor")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode bulletin;
        if (assembled.statusCode() == 201) {
            bulletin = JSON.readTree(assembled.body());
        } else if (assembled.statusCode() == 409) {
            bulletin = send(api("/api/bulletins?week=" + monday, "state-editor").GET(), 200)
                    .path(0);
        } else {
            throw new IOException(
                    "assembling the week's draft answered " + assembled.statusCode() + ": " + assembled.body());
        }
        String id = bulletin.path("id").asString();
        if (!bulletin.path("state").asString().equals("PUBLISHED")) {
            send(
                    api("/api/bulletins/" + id, "state-editor")
                            .header("Content-Type", "application/json")
                            .header("If-Match", "\"" + bulletin.path("version").asLong() + "\"")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(draft))),
                    200);
            send(
                    api("/api/bulletins/" + id + "/publish", "state-editor").POST(HttpRequest.BodyPublishers.noBody()),
                    200);
        }
        return id;
    }

    private void awaitVerified(String client, String endpointId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            if (send(api("/api/endpoints/" + endpointId, client).GET(), 200)
                    .path("verified")
                    .asBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("endpoint " + endpointId + " was not verified within " + STEP);
    }

    private String awaitConfirmationLink(String address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode email : send(
                    HttpRequest.newBuilder(URI.create(sinkUrl + "/sink/emails")).GET(), 200)) {
                if (email.path("to").toString().contains(address)) {
                    String body =
                            email.path("body").asString().replace("=\r\n", "").replace("=\n", "");
                    Matcher link = CONFIRMATION_LINK.matcher(body);
                    if (link.find()) {
                        return link.group();
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no confirmation email reached " + address + " within " + STEP);
    }

    private HttpRequest.Builder api(String path, String client) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(options.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token(client));
    }

    private String token(String client) throws IOException, InterruptedException {
        String basic =
                Base64.getEncoder().encodeToString((client + ":local-only-" + client).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials";
        JsonNode token = send(
                HttpRequest.newBuilder(
                                URI.create(DevIssuerApplication.issuerUrl(options.issuerPort()) + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                200);
        return token.path("access_token").asString();
    }

    private static JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(
                    request.build().uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        // the confirmation link answers a page for the recipient; only JSON answers are read
        boolean json = response.headers()
                .firstValue("Content-Type")
                .filter(type -> type.contains("json"))
                .isPresent();
        return JSON.readTree(json && !response.body().isBlank() ? response.body() : "{}");
    }
}
