package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/**
 * An alert drafted through the gateway as state staff would. alert-service reads the directory from its topic after
 * it starts, so the draft is sent again, with the same {@code Idempotency-Key} (the same draft), until it is taken.
 */
final class AlertDrafts {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlertDrafts() {}

    /** The id of the draft made from {@code body} (JSON) with this token. */
    static String draft(LocalStackProcess stack, String token, String body) {
        String key = "system-test-" + UUID.randomUUID();
        AtomicReference<HttpResponse<String>> created = new AtomicReference<>();
        Awaitility.await("the alert drafted")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    created.set(HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/alerts"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", key)
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
                    assertThat(created.get().statusCode())
                            .as(created.get().body())
                            .isEqualTo(201);
                });
        return JSON.readTree(created.get().body()).path("id").asString();
    }
}
