package org.schoolsafety.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.delivery.settings.WebhookSettings;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.vocabulary.Channel;
import org.springframework.stereotype.Component;

/**
 * Sends webhooks ({@code ssn.delivery.webhooks.*}); its listeners, one per lane, are {@code DeliveryListeners}'.
 * <ul>
 *   <li>the body is the JSON event ({@link WebhookPayload}), or, for an endpoint that chose CAP and a message that
 *       is a CAP alert, its CAP 1.2 XML as {@code application/cap+xml};
 *   <li>the endpoint's current signing secrets sign {@code webhook-id} (the delivery id, the same on every
 *       attempt), {@code webhook-timestamp} and the body;
 *   <li>a 2xx is success. 4xx other than 408 and 429, and an address that is now private, are permanent failures
 *       (410 Gone, with the reason {@link DeliveryFailed#GONE}, also disables the endpoint); anything else fails
 *       this attempt, and the lane's retry topics ({@code <lane>-webhook-retry-N}) hold it back for the lane's
 *       delay ({@code ssn.delivery.urgent.*}, {@code ssn.delivery.bulk.*}) without holding up the requests behind
 *       it. A {@code Retry-After} holds the endpoint's next call back ({@code EndpointGate}).
 * </ul>
 * Requests are delivered concurrently: many receivers are called at once, an endpoint's requests one after the
 * other. Idempotency, outcomes and isolation are {@code Deliveries}'.
 */
@Component
class WebhookDeliveries implements Sender {

    /** CAP 1.2's media type. */
    static final ContentType CAP_XML = ContentType.create("application/cap+xml", StandardCharsets.UTF_8);

    private final WebhookClient client;
    private final int concurrentAttempts;
    private final Clock clock = Clock.systemUTC();

    WebhookDeliveries(WebhookClient client, WebhookSettings settings) {
        this.client = client;
        this.concurrentAttempts = settings.underWayPerLane();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    /** Each webhook is a receiver of its own: one that is slow or down must not hold up the others. */
    @Override
    public boolean isolatesEndpoints() {
        return true;
    }

    /** Many receivers are called at once: each call waits for its receiver far more than it uses the CPU. */
    @Override
    public boolean deliversConcurrently() {
        return true;
    }

    /** {@code ssn.delivery.webhooks.under-way-per-lane}. */
    @Override
    public int concurrentAttempts() {
        return concurrentAttempts;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        Instant now = Instant.now(clock);
        List<String> secrets = endpoint.secrets().stream()
                .filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(WebhookSecret::secret)
                .toList();
        if (secrets.isEmpty()) {
            return Attempt.permanent("no signing secret", false);
        }
        // CAP for an endpoint that chose it, when the message is a CAP alert; the JSON event otherwise
        String capXml = request.message().capXml();
        boolean cap = endpoint.format() == PayloadFormat.CAP_XML && capXml != null;
        byte[] body = cap ? capXml.getBytes(StandardCharsets.UTF_8) : WebhookPayload.json(request);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", request.deliveryId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(request.deliveryId(), timestamp, body, secrets));
        WebhookClient.Result result =
                client.post(endpoint.address(), headers, body, cap ? CAP_XML : ContentType.APPLICATION_JSON);
        int status = result.status();
        if (result.succeeded()) {
            return Attempt.succeeded(Integer.toString(status));
        }
        if (result.blocked()) {
            return Attempt.permanent(result.failure(), false);
        }
        if (status == 0) {
            return Attempt.retry(result.failure(), null, false);
        }
        if (status == 410) {
            return Attempt.unusable(DeliveryFailed.GONE);
        }
        String reason = "HTTP " + status;
        boolean permanent = status >= 300 && status < 500 && status != 408 && status != 429;
        return permanent ? Attempt.permanent(reason, true) : Attempt.retry(reason, result.retryAfter(), true);
    }
}
