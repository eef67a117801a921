package org.schoolsafety.events.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Delivery ids are part of the contract: derived from the notification and the endpoint, so that a replayed
 * audience expansion or a redelivered record yields the same id (and the same {@code webhook-id}), and
 * delivery-service can refuse to send twice.
 */
public final class DeliveryIds {

    private DeliveryIds() {}

    /** A name-based (version 3) UUID of {@code notificationId + "/" + endpointId}. */
    public static String of(String notificationId, String endpointId) {
        return UUID.nameUUIDFromBytes((notificationId + "/" + endpointId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
