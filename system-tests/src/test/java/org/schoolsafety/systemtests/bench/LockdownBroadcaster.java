package org.schoolsafety.systemtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.schoolsafety.systemtests.LocalStackProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state's school safety coordinator (the local stack's {@code state-broadcaster} client, role
 * {@code STATE_BROADCASTER}) sending the pre-approved {@code lockdown} template through the gateway: one
 * {@code POST /api/alerts/templates/lockdown/issue} that creates the alert and issues it (break glass: no second
 * person), with a fresh {@code Idempotency-Key} as a careful client would send. Only 127.0.0.1 is addressed.
 */
final class LockdownBroadcaster implements AutoCloseable {

    /**
     * One issued alert as the client saw it.
     *
     * @param alertId the alert's id, from the answer
     * @param sentNanos {@link System#nanoTime()} just before the request was handed to the HTTP client
     * @param answeredNanos {@link System#nanoTime()} once the whole answer was read
     */
    record Sent(String alertId, long sentNanos, long answeredNanos) {

        /** The first message's notification id: every delivery id derives from it. */
        String notificationId() {
            return alertId + "-m1";
        }

        double acceptMs() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(30);

    private final LocalStackProcess stack;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String token;
    private long tokenNanos;

    LockdownBroadcaster(LocalStackProcess stack) {
        this.stack = stack;
    }

    /** A lockdown for these schools (districts, schools or agencies of the directory). */
    Sent lockdown(List<String> organisationIds) throws IOException, InterruptedException {
        return send(Map.of("area", Map.of("organisationIds", organisationIds)));
    }

    /** A statewide lockdown. */
    Sent statewideLockdown() throws IOException, InterruptedException {
        return send(Map.of("area", Map.of("statewide", true)));
    }

    /**
     * The status of creating (not issuing) a {@code Test} draft for these organisations: 201 once alert-service's
     * view of the directory has them, 503 while it has not been loaded.
     */
    int draftStatus(List<String> organisationIds) throws IOException, InterruptedException {
        Map<String, Object> info = Map.of(
                "category", "Security",
                "event", "Lockdown",
                "urgency", "Immediate",
                "severity", "Severe",
                "certainty", "Observed",
                "headline", "Benchmark readiness probe, never issued",
                "description", "A draft that checks the directory has been loaded.",
                "instruction", "None.",
                "expires",
                        Instant.now()
                                .plus(Duration.ofHours(1))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
        String body = JSON.writeValueAsString(
                Map.of("status", "Test", "info", info, "area", Map.of("organisationIds", organisationIds)));
        HttpResponse<String> response = http.send(post("/api/alerts", body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 503) {
            throw new AssertionError(
                    "a draft for " + organisationIds + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private Sent send(Map<String, Object> template) throws IOException, InterruptedException {
        HttpRequest request = post("/api/alerts/templates/lockdown/issue", JSON.writeValueAsString(template));
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (response.statusCode() != 201) {
            throw new AssertionError("the lockdown template for " + template + " answered " + response.statusCode()
                    + " after " + (answered - sent) / 1_000_000 + " ms: " + response.body());
        }
        JsonNode alert = JSON.readTree(response.body());
        return new Sent(alert.get("id").asString(), sent, answered);
    }

    private HttpRequest post(String path, String body) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(35))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The issuer's tokens live an hour: a new one every half hour, fetched before the clock starts. */
    private String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenNanos > TOKEN_REUSE.toNanos()) {
            token = stack.token("state-broadcaster");
            tokenNanos = System.nanoTime();
        }
        return token;
    }

    @Override
    public void close() {
        http.close();
    }
}
