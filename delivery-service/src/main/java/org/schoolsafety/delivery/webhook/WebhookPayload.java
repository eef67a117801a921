package org.schoolsafety.delivery.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.schoolsafety.delivery.Personalisation;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body a district's system receives (the Standard Webhooks shape {@code type}, {@code timestamp},
 * {@code data}). {@code type} says what it is: {@code alert.urgent}, {@code bulletin.weekly},
 * {@code advisory.cyber}, or {@code endpoint.verification} for the test delivery that verifies the endpoint.
 * {@code data.content} is the message's JSON document (a bulletin or an advisory with its links) as an object, when
 * it has one; a document that is not JSON is left out (and logged) rather than stop the delivery. The subject and text
 * greet the recipient's organisation by name where the message leaves room for it ({@link Personalisation}).
 */
final class WebhookPayload {

    private static final Logger log = LoggerFactory.getLogger(WebhookPayload.class);

    /** A document with anything after its JSON value is not JSON either. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookPayload() {}

    public static String type(DeliveryRequested request) {
        return switch (request.feed()) {
            case URGENT_ALERTS -> "alert.urgent";
            case WEEKLY_BULLETIN -> "bulletin.weekly";
            case CYBER_ADVISORIES -> "advisory.cyber";
            case VERIFICATION -> "endpoint.verification";
        };
    }

    public static byte[] json(DeliveryRequested request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveryId", request.deliveryId());
        data.put("notificationId", request.notificationId());
        data.put("organisationId", request.organisationId());
        data.put("lane", request.lane());
        data.put("subject", Personalisation.text(request.message().subject(), request));
        data.put("text", Personalisation.text(request.message().text(), request));
        JsonNode content = content(request);
        if (content != null) {
            data.put("content", content);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type(request));
        event.put("timestamp", request.requestedAt().toString());
        event.put("data", data);
        return JSON.writeValueAsBytes(event);
    }

    /** The message's JSON document, parsed; {@code null} when it has none or it is not JSON. */
    private static JsonNode content(DeliveryRequested request) {
        String json = request.message().json();
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            log.warn(
                    "delivery {}: the message's JSON document is not JSON ({}); sent without data.content",
                    request.deliveryId(),
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
