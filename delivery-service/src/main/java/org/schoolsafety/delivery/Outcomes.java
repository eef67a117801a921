package org.schoolsafety.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryEvent;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what came of attempts on {@code delivery-outcomes}, each with the trace context of the request it
 * answers: successes, failures (retrying or permanent) and endpoints to disable. The outcome is published before
 * the delivery is recorded as concluded: a crash between the two may send once more, with the same delivery id,
 * for the receiver to drop.
 */
final class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    /** Without a producer span each: an outcome joins its request's trace (the alert's) through its header. */
    private final EventPublisher publisher;

    private final Idempotency idempotency;
    private final Clock clock;

    Outcomes(EventPublisher publisher, Idempotency idempotency, Clock clock) {
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * Publishes the attempt's outcome. A success is settled later ({@link Settlement}); a failure here and now: it
     * throws {@link AttemptFailed} if it is worth retrying, and a permanent one is confirmed and recorded.
     */
    Settlement conclude(Sender sender, DeliveryRequested request, int attempt, Attempt result, Header trace) {
        if (result.succeeded()) {
            CompletableFuture<?> sent = publisher.publish(
                    Topics.DELIVERY_OUTCOMES,
                    request.endpointId(),
                    new DeliverySucceeded(
                            request.deliveryId(),
                            request.notificationId(),
                            request.endpointId(),
                            request.organisationId(),
                            sender.channel(),
                            attempt,
                            result.reference(),
                            Instant.now(clock)),
                    trace);
            return () -> {
                confirmed(sent);
                idempotency.remember(request, false);
            };
        }
        boolean permanent = result.kind() == Attempt.Kind.PERMANENT;
        fail(request, attempt, result.reason(), permanent, trace);
        if (result.unusable()) {
            log.warn("endpoint {} is unusable ({}); disabling it", request.endpointId(), result.reason());
            disable(request, result.reason(), null, trace);
        }
        if (!permanent) {
            throw new AttemptFailed(result.reason());
        }
        idempotency.remember(request, true); // concluded: a late retry must not call again
        return Settlement.NONE;
    }

    /** Publishes a failure outcome; a permanent one ends the delivery. */
    void fail(DeliveryRequested request, int attempt, String reason, boolean permanent, Header trace) {
        publish(
                new DeliveryFailed(
                        request.deliveryId(),
                        request.notificationId(),
                        request.endpointId(),
                        request.organisationId(),
                        request.channel(),
                        attempt,
                        reason,
                        permanent,
                        Instant.now(clock)),
                trace);
    }

    /** Fails the delivery for good and records it as concluded. */
    void failForGood(DeliveryRequested request, int attempt, String reason, Header trace) {
        fail(request, attempt, reason, true, trace);
        idempotency.remember(request, true);
    }

    /** Tells subscription-service the endpoint is unusable: it disables it and tells the organisation. */
    void disable(DeliveryRequested request, String reason, Instant failingSince, Header trace) {
        publish(
                request.endpointId(),
                new EndpointDisabled(
                        request.endpointId(),
                        request.organisationId(),
                        request.channel(),
                        reason,
                        failingSince,
                        Instant.now(clock)),
                trace);
    }

    private void publish(DeliveryOutcome outcome, Header trace) {
        publish(outcome.endpointId(), outcome, trace);
    }

    private void publish(String endpointId, DeliveryEvent event, Header trace) {
        confirmed(publisher.publish(Topics.DELIVERY_OUTCOMES, endpointId, event, trace));
    }

    /** Waits until the broker has the outcome; {@link AttemptFailed} if it does not say so in time. */
    private static void confirmed(CompletableFuture<?> sent) {
        try {
            sent.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the attempt is retried; the receiver drops a repeat by its delivery id
            throw new AttemptFailed("outcome not confirmed by the broker");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailed("interrupted");
        }
    }
}
