package org.schoolsafety.systemtests;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What the local stack's sinks received, read as a person would ({@code GET /sink/emails}, {@code /sink/sms},
 * {@code /sink/webhooks}): each item as the sink shows it, in JSON.
 */
final class Delivered {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String sinkUrl;

    Delivered(String sinkUrl) {
        this.sinkUrl = sinkUrl;
    }

    /** Emails at the SMTP sink: {@code to} (a list), {@code subject}, {@code body} (the raw MIME body). */
    List<JsonNode> emails() throws IOException, InterruptedException {
        return read("emails");
    }

    /** Messages at the SMS provider stand-in: {@code to}, {@code from}, {@code body}. */
    List<JsonNode> sms() throws IOException, InterruptedException {
        return read("sms");
    }

    /** Requests at the webhook receivers: {@code path}, {@code headers} (lower-case names), {@code body}. */
    List<JsonNode> webhooks() throws IOException, InterruptedException {
        return read("webhooks");
    }

    /** Waits until an email matches, then returns every one that does. */
    List<JsonNode> awaitEmails(String what, Predicate<JsonNode> matches, Duration within) {
        return await(what, "emails", matches, within);
    }

    List<JsonNode> awaitSms(String what, Predicate<JsonNode> matches, Duration within) {
        return await(what, "sms", matches, within);
    }

    List<JsonNode> awaitWebhooks(String what, Predicate<JsonNode> matches, Duration within) {
        return await(what, "webhooks", matches, within);
    }

    /** Whether an email at the sink was sent to {@code address}. */
    static boolean sentTo(JsonNode email, String address) {
        for (JsonNode to : email.path("to")) {
            if (to.asString().equalsIgnoreCase(address)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON body of a webhook request, or a missing node when the body is not a JSON object. */
    static JsonNode jsonBody(JsonNode request) {
        String body = request.path("body").asString();
        return body.startsWith("{") ? JSON.readTree(body) : MissingNode.getInstance();
    }

    /**
     * Checks a webhook request's {@code webhook-signature} with the Standard Webhooks reference verifier and the
     * endpoint's secret (its timestamp tolerance included), as a district's receiver would.
     */
    static void verifySignature(JsonNode request, String secret) throws WebhookVerificationException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.path("headers")
                .properties()
                .forEach(header ->
                        headers.put(header.getKey(), List.of(header.getValue().asString())));
        new Webhook(secret).verify(request.path("body").asString(), headers);
    }

    private List<JsonNode> await(String what, String kind, Predicate<JsonNode> matches, Duration within) {
        return Awaitility.await(what)
                .atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> read(kind).stream().filter(matches).toList(), found -> !found.isEmpty());
    }

    private List<JsonNode> read(String kind) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sinkUrl + "/sink/" + kind))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /sink/" + kind + " answered " + response.statusCode());
        }
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(response.body()).forEach(items::add);
        return items;
    }
}
