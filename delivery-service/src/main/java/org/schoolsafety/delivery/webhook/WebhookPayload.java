package org.schoolsafety.delivery.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.schoolsafety.events.delivery.DeliveryRequested;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body a district's system receives (the Standard Webhooks shape {@code type}, {@code timestamp},
 * {@code data}). {@code type} says what it is: {@code alert.urgent}, {@code bulletin.weekly},
 * {@code advisory.cyber}, or {@code endpoint.verification} for the test delivery that verifies the endpoint.
 */
final class WebhookPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        data.put("subject", request.message().subject());
        data.put("text", request.message().text());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type(request));
        event.put("timestamp", request.requestedAt().toString());
        event.put("data", data);
        return JSON.writeValueAsBytes(event);
    }
}
