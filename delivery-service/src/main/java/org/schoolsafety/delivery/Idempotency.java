package org.schoolsafety.delivery;

import java.time.Clock;
import java.time.Instant;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery recorded as concluded ({@link Concluded}) is not attempted again. Redis that does not answer never
 * stops a delivery: at least once, better a repeat with the same delivery id (which the receiver drops) than an
 * alert not sent.
 */
final class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final Concluded concluded;
    private final Clock clock;

    Idempotency(Concluded concluded, Clock clock) {
        this.concluded = concluded;
        this.clock = clock;
    }

    /** Whether the delivery has concluded; {@code false} when Redis cannot say. */
    boolean concluded(String deliveryId) {
        try {
            return concluded.has(deliveryId);
        } catch (RuntimeException redisDown) {
            log.warn("cannot check whether delivery {} was sent (Redis); sending", deliveryId);
            return false;
        }
    }

    /** Records the delivery as concluded (sent, or failed for good); a Redis failure is logged, not thrown. */
    void remember(DeliveryRequested request, boolean failed) {
        try {
            concluded.remember(request, failed, Instant.now(clock));
        } catch (RuntimeException redisDown) {
            log.warn(
                    "cannot record delivery {} as concluded (Redis); a redelivery would repeat it",
                    request.deliveryId());
        }
    }
}
