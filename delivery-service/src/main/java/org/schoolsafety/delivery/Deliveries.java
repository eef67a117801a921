package org.schoolsafety.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.stereotype.Component;

/**
 * What every channel's listeners do with a {@code delivery-requests} record, between it and its outcome on
 * {@code delivery-outcomes}: one attempt ({@link Attempts}: idempotency, the endpoint's state, isolation, slow calls
 * detached), its outcome ({@link Outcomes}), and for a failed attempt worth retrying, the retry topics: the
 * listener's own (delivering in turn) or {@link RetryForwarding} (delivering concurrently). After the last attempt
 * {@link #gaveUp} publishes the permanent failure. No address reaches the log: endpoints are named by id.
 */
@Component
public class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** The reason of a retried attempt whose endpoint the directory has never had, not even as removed. */
    public static final String NOT_KNOWN = "endpoint not known yet";

    static final int SETTLING_PER_PLACE = LanePlaces.SETTLING_PER_PLACE;

    private final Attempts attempts;
    private final Outcomes outcomes;
    private final Idempotency idempotency;
    private final DeliveryMetrics metrics;
    private final RetryForwarding retries;
    private final LanePlaces places = new LanePlaces();
    private final EndpointTurns turns = new EndpointTurns();

    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    Deliveries(
            EndpointDirectory directory,
            ProducerFactory<?, ?> producers,
            Concluded concluded,
            DeliveryMetrics metrics,
            EndpointGate gate,
            RetryForwarding retries) {
        Clock clock = Clock.systemUTC();
        this.idempotency = new Idempotency(concluded, clock);
        // no producer span per outcome: it carries its request's trace context instead
        this.outcomes = new Outcomes(
                EventPublisher.withoutObservation((ProducerFactory<String, Object>) producers), idempotency, clock);
        this.attempts = new Attempts(directory, gate, metrics, outcomes, idempotency, clock);
        this.metrics = metrics;
        this.retries = retries;
    }

    /**
     * Delivers the record's request if it is one for this sender's channel (others are not this sender's), in the
     * listener's thread; a failed attempt worth retrying throws {@link AttemptFailed} for the container to forward.
     */
    void deliver(Sender sender, ConsumerRecord<String, Object> record) {
        if (record.value() instanceof DeliveryRequested request && request.channel() == sender.channel()) {
            attempts.attempt(sender, request, attempt(record), trace(record)).await();
        }
    }

    /**
     * Delivers the record's request like {@link #deliver(Sender, ConsumerRecord)}, but on a virtual thread of its
     * own: the listener takes the next record at once, and the container commits the record's offset when the
     * returned future completes (Spring Kafka's asynchronous acknowledgements: an offset is committed only once
     * every record before it in its partition is done).
     * <ul>
     *   <li>the future completes when the delivery has concluded, or when a failed attempt has been forwarded to
     *       the next retry topic or the dead-letter topic of the listener {@code mainListenerId} and the broker has
     *       confirmed it ({@link RetryForwarding}). It never fails: the container's own failure path acknowledges
     *       a record before forwarding it, and may lose one. A forwarding the broker does not confirm is tried
     *       again until it is, and the offset stays uncommitted meanwhile: a crash redelivers the request;
     *   <li>the sender's lane caps the requests under way and those not yet settled ({@link LanePlaces}); the
     *       listener waits for a free place, which holds back its partitions, not the other lane or channel. A
     *       request gives its place up as soon as its call has an answer, so outcomes of many calls travel in one
     *       produce request;
     *   <li>requests to one endpoint are delivered in the order they were taken ({@link EndpointTurns}): each waits
     *       until the one before it is settled, has been detached, or has gone to the retry topics.
     * </ul>
     */
    CompletableFuture<Void> deliverConcurrently(
            Sender sender, String mainListenerId, ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof DeliveryRequested request) || request.channel() != sender.channel()) {
            return CompletableFuture.completedFuture(null);
        }
        int attempt = attempt(record);
        Header trace = trace(record);
        LanePlaces.Held held;
        try {
            held = places.acquire(sender, request.lane());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CompletableFuture<>(); // stopping: never committed, so redelivered
        }
        // done: the record may be committed; the turn lets the next request to the endpoint go (also when stopping)
        CompletableFuture<Void> done = new CompletableFuture<>();
        EndpointTurns.Turn turn = turns.take(request.endpointId());
        try {
            attempts.execute(() -> {
                boolean placeHeld = true;
                try {
                    turn.awaitBefore();
                    try {
                        Settlement settlement = attempts.attempt(sender, request, attempt, trace);
                        // the call has its answer: the next request may take the place while the broker confirms
                        held.underWay().release();
                        placeHeld = false;
                        settlement.await();
                    } catch (AttemptFailed failed) {
                        retries.forwardUntilConfirmed(mainListenerId, record, failed, () -> closed);
                    } catch (RuntimeException unexpected) {
                        log.warn("delivery {}: attempt {} failed", request.deliveryId(), attempt, unexpected);
                        retries.forwardUntilConfirmed(
                                mainListenerId,
                                record,
                                new AttemptFailed(unexpected.getClass().getSimpleName()),
                                () -> closed);
                    }
                    done.complete(null);
                } catch (RuntimeException stopping) {
                    // not forwarded: the offset stays uncommitted, and the request is delivered again after a restart
                    log.info("delivery {}: left for redelivery ({})", request.deliveryId(), stopping.getMessage());
                } finally {
                    if (placeHeld) {
                        held.underWay().release();
                    }
                    held.settling().release();
                    turn.end();
                }
            });
        } catch (RuntimeException rejected) { // stopping: never committed, so redelivered
            held.underWay().release();
            held.settling().release();
            turn.end();
        }
        return done;
    }

    /** The record reached the dead-letter topic: the last attempt failed, and so has the delivery. */
    void gaveUp(Sender sender, ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof DeliveryRequested request) || request.channel() != sender.channel()) {
            return;
        }
        CompletableFuture<Attempt> call = attempts.pending(request.deliveryId());
        if (call != null) {
            try {
                // the call still under way decides, and publishes its own outcome
                Attempt last = call.get(1, TimeUnit.MINUTES);
                if (last.kind() != Attempt.Kind.RETRY) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttemptFailed("interrupted");
            } catch (ExecutionException | TimeoutException e) {
                // no answer from the call: the delivery has failed all the same
            }
        }
        if (idempotency.concluded(request.deliveryId())) {
            return;
        }
        int attempts = attempt(record) - 1;
        metrics.deadLetter(sender.channel(), request.lane());
        log.warn("delivery {} to {} given up after {} attempts", request.deliveryId(), request.endpointId(), attempts);
        outcomes.failForGood(request, attempts, "gave up after " + attempts + " attempts", trace(record));
    }

    /** The W3C trace context the request came with, for its outcomes; {@code null} when it came without. */
    private static Header trace(ConsumerRecord<String, Object> record) {
        return record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
    }

    /** This attempt's number: 1, or what the retry topics counted (on the dead-letter topic: one past the last). */
    static int attempt(ConsumerRecord<String, Object> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null) {
            return 1;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case 4 -> ByteBuffer.wrap(value).getInt();
            case 1 -> value[0];
            default -> Integer.parseInt(new String(value, StandardCharsets.UTF_8));
        };
    }

    @Override
    public void close() {
        closed = true;
        attempts.close();
    }
}
