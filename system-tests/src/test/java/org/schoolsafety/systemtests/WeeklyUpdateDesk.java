package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The weekly update as its people meet it, only at the gateway and the sinks: the state admin opens a school's
 * delivery window, the state editor drafts and publishes a bulletin, a recipient reads the email (its text part
 * with quoted-printable soft breaks undone) and leaves the feed with the mail client's one-click {@code POST}.
 */
final class WeeklyUpdateDesk {

    /** bulletin-service's zone: a bulletin's week is its Monday there. */
    static final ZoneId ZONE = ZoneId.of("America/Chicago");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStackProcess stack;

    WeeklyUpdateDesk(LocalStackProcess stack) {
        this.stack = stack;
    }

    /** The Monday {@code weeksAhead} weeks after this week's, in bulletin-service's zone. */
    static LocalDate monday(int weeksAhead) {
        return LocalDate.now(ZONE)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .plusWeeks(weeksAhead);
    }

    /** Opens the organisation's window all day (opens == closes), so bulk deliveries never wait for it. */
    void openAllDay(String organisationId) throws IOException, InterruptedException {
        HttpResponse<String> changed = send(
                "/api/organisations/" + organisationId,
                "state-admin",
                "PATCH",
                "{\"deliveryWindow\":{\"opens\":\"00:00\",\"closes\":\"00:00\",\"zone\":\"" + ZONE.getId() + "\"}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    /** As the state editor: drafts a bulletin for the week of {@code monday} and publishes it; returns its id. */
    String publish(LocalDate monday, String title) throws IOException, InterruptedException {
        String draft = JSON.writeValueAsString(Map.of(
                "weekOf",
                monday.toString(),
                "title",
                title,
                "sections",
                List.of(Map.of("kind", "reminders", "markdown", "Check **door** hardware before the break."))));
        HttpResponse<String> created = send("/api/bulletins", "state-editor", "POST", draft);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();
        HttpResponse<String> published = send("/api/bulletins/" + id + "/publish", "state-editor", "POST", "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return id;
    }

    /** The public archive's list, read without a token. */
    String archive() throws IOException, InterruptedException {
        HttpResponse<String> list = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/feeds/bulletins"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return list.body();
    }

    /** What a mail client does with {@code List-Unsubscribe} and one-click (RFC 8058): a form POST, no token. */
    static HttpResponse<String> oneClick(String link) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(link))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The link in an email's {@code List-Unsubscribe} header (one {@code <...>}), or null when it has none. */
    static String unsubscribeLink(JsonNode email) {
        JsonNode header = email.path("listUnsubscribe");
        return header.isString() ? header.asString().replaceAll("^\\s*<(.*)>\\s*$", "$1") : null;
    }

    /** The email's raw MIME body with quoted-printable soft line breaks and encoded '=' undone. */
    static String body(JsonNode email) {
        return email.path("body")
                .asString()
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
    }

    private HttpResponse<String> send(String path, String clientId, String method, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + stack.token(clientId))
                .timeout(Duration.ofSeconds(10));
        if (json.isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
