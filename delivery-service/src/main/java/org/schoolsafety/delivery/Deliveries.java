package org.schoolsafety.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryEvent;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.stereotype.Component;

/**
 * What every channel does around one attempt ({@link Sender}), between a {@code delivery-requests} record and
 * its outcome on {@code delivery-outcomes}:
 * <ul>
 *   <li>a delivery id recorded as concluded (sent, or failed for good; Redis, seven days) is not attempted again,
 *       however often its request is redelivered. The outcome is published before the record is written: a crash
 *       between the two may send once more, with the same delivery id, for the receiver to drop;
 *   <li>a removed endpoint (a {@code removed} record or a tombstone on {@code directory}), and an unverified one
 *       (except for its verification), fail permanently. An endpoint the directory has never had is not taken
 *       for removed: subscription-service may have written it a moment ago (it asks for a new endpoint's
 *       verification right after). The attempt waits until the view has read what {@code directory} holds
 *       ({@link EndpointDirectory#seenOrAwait}, at most 5 s); if the endpoint is still unknown, it fails and is
 *       retried like any other;
 *   <li>for a sender that calls each endpoint itself (webhooks), the {@link EndpointGate} may refuse the call
 *       (busy, circuit open, {@code Retry-After}): the attempt fails and is retried. Email and SMS go through one
 *       relay or provider for every endpoint: their trouble is the relay's, not an endpoint's;
 *   <li>the call runs on a virtual thread. If it has not ended after the gate's {@code detachAfter} (at once for
 *       an endpoint already slow), the listener stops waiting: the request goes on to the retry topics and the
 *       partition moves on, so one slow receiver delays the others by at most that long. The call goes on; when
 *       it ends its outcome is published as usual, and a retry that comes before then waits its turn again;
 *   <li>an answer that says the endpoint is unusable ({@link Attempt#unusable}), and failures of every call for
 *       a sustained period ({@link EndpointGate}), publish {@link EndpointDisabled} as well;
 *   <li>a failed attempt worth retrying publishes a {@code retrying} outcome and throws {@link AttemptFailed}: the
 *       listener's retry topics hold the request back and bring it back later. After the last attempt
 *       {@link #gaveUp} publishes the permanent failure.
 * </ul>
 * No address reaches the log: endpoints are named by id.
 */
@Component
public class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** This attempt failed and may be retried: thrown to the listener so the retry topics take the request. */
    public static final class AttemptFailed extends RuntimeException {
        AttemptFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private final EndpointDirectory directory;
    /**
     * Outcomes, without a producer span each: an outcome carries the trace context of the request it answers, so it
     * joins that request's trace (the alert's) whichever thread concludes it; a span per outcome was 8% of this
     * service's CPU samples under bench.webhook.
     */
    private final EventPublisher publisher;

    private final Concluded concluded;
    private final DeliveryMetrics metrics;
    private final EndpointGate gate;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delivery-call-", 0).factory());
    /** Calls that outlived the wait, by delivery id: a retry of one waits, the dead-letter handler too. */
    private final ConcurrentMap<String, CompletableFuture<Attempt>> pending = new ConcurrentHashMap<>();

    private final RetryForwarding retries;
    /**
     * Requests taken by {@link #deliverConcurrently} whose call has no answer yet (and that are not forwarded): a cap
     * per channel and lane, {@link Sender#concurrentAttempts}.
     */
    private final ConcurrentMap<String, Semaphore> underWay = new ConcurrentHashMap<>();
    /**
     * Requests taken by {@link #deliverConcurrently} and not yet settled (their outcome confirmed by the broker and
     * recorded, or the request forwarded): {@value #SETTLING_PER_PLACE} times the places under way, per channel and
     * lane, so that a broker that stops confirming holds the listener back instead of letting calls run on.
     */
    private final ConcurrentMap<String, Semaphore> unsettled = new ConcurrentHashMap<>();

    static final int SETTLING_PER_PLACE = 4;

    /** The reason of a retried attempt whose endpoint the directory has never had, not even as removed. */
    public static final String NOT_KNOWN = "endpoint not known yet";
    /** The last request taken for each endpoint while it is under way: the next one to it waits its turn. */
    private final ConcurrentMap<String, CompletableFuture<Void>> lastToEndpoint = new ConcurrentHashMap<>();

    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    Deliveries(
            EndpointDirectory directory,
            ProducerFactory<?, ?> producers,
            Concluded concluded,
            DeliveryMetrics metrics,
            EndpointGate gate,
            RetryForwarding retries) {
        this.directory = directory;
        this.publisher = EventPublisher.withoutObservation((ProducerFactory<String, Object>) producers);
        this.concluded = concluded;
        this.metrics = metrics;
        this.gate = gate;
        this.retries = retries;
    }

    /** Delivers the record's request if it is one for this sender's channel; others are not this sender's. */
    public void deliver(Sender sender, ConsumerRecord<String, Object> record) {
        if (record.value() instanceof DeliveryRequested request && request.channel() == sender.channel()) {
            deliver(sender, request, attempt(record), trace(record));
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
     *   <li>at most {@link Sender#concurrentAttempts} requests of the sender's per lane are under way at once; the
     *       listener waits for a free place, which holds back its partitions, not the other lane or channel. A
     *       request gives its place up as soon as its call has an answer: waiting for the broker to confirm the
     *       outcome, and recording it, take no place, so outcomes of many calls travel in one produce request.
     *       At most {@value #SETTLING_PER_PLACE} times as many requests wait so; beyond that the listener waits too;
     *   <li>requests to one endpoint are delivered in the order they were taken, one after the other (each waits
     *       until the one before it is settled, has been detached, or has gone to the retry topics), so an
     *       Update never overtakes its Alert, and two copies of one request are not sent at once: the second sees
     *       the first one's record.
     * </ul>
     */
    public CompletableFuture<Void> deliverConcurrently(
            Sender sender, String mainListenerId, ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof DeliveryRequested request) || request.channel() != sender.channel()) {
            return CompletableFuture.completedFuture(null);
        }
        int attempt = attempt(record);
        Header trace = trace(record);
        String lane = sender.channel() + "/" + request.lane();
        Semaphore places = underWay.computeIfAbsent(lane, ignored -> new Semaphore(sender.concurrentAttempts()));
        Semaphore settling = unsettled.computeIfAbsent(
                lane, ignored -> new Semaphore(SETTLING_PER_PLACE * sender.concurrentAttempts()));
        try {
            settling.acquire();
            try {
                places.acquire();
            } catch (InterruptedException e) {
                settling.release();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CompletableFuture<>(); // stopping: never committed, so redelivered
        }
        // done: the record may be committed; turn: the next request to the endpoint may go (also when stopping)
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> before = lastToEndpoint.put(request.endpointId(), turn);
        try {
            calls.execute(() -> {
                boolean placeHeld = true;
                try {
                    if (before != null) {
                        before.join();
                    }
                    try {
                        Settlement settlement = attempt(sender, request, attempt, trace);
                        // the call has its answer: the next request may take the place while the broker confirms
                        places.release();
                        placeHeld = false;
                        settlement.await();
                    } catch (AttemptFailed failed) {
                        forward(mainListenerId, record, failed);
                    } catch (RuntimeException unexpected) {
                        log.warn("delivery {}: attempt {} failed", request.deliveryId(), attempt, unexpected);
                        forward(
                                mainListenerId,
                                record,
                                new AttemptFailed(unexpected.getClass().getSimpleName()));
                    }
                    done.complete(null);
                } catch (RuntimeException stopping) {
                    // not forwarded: the offset stays uncommitted, and the request is delivered again after a restart
                    log.info("delivery {}: left for redelivery ({})", request.deliveryId(), stopping.getMessage());
                } finally {
                    lastToEndpoint.remove(request.endpointId(), turn);
                    if (placeHeld) {
                        places.release();
                    }
                    settling.release();
                    turn.complete(null);
                }
            });
        } catch (RuntimeException rejected) { // stopping: never committed, so redelivered
            lastToEndpoint.remove(request.endpointId(), turn);
            places.release();
            settling.release();
            turn.complete(null);
        }
        return done;
    }

    /**
     * What is left of an attempt once its call has an answer: waiting until the broker has confirmed the outcome,
     * then recording the delivery as concluded (in this order: a crash between the two sends once more rather than
     * losing the outcome).
     */
    @FunctionalInterface
    interface Settlement {

        Settlement NONE = () -> {};

        /** Waits for the outcome's confirmation and records the delivery; {@link AttemptFailed} if unconfirmed. */
        void await();
    }

    /** Forwards a failed attempt to its next topic, trying until the broker confirms it or the service stops. */
    private void forward(String mainListenerId, ConsumerRecord<String, Object> record, AttemptFailed failure) {
        long backoff = 500;
        while (true) {
            try {
                retries.forward(mainListenerId, record, failure);
                return;
            } catch (RuntimeException notConfirmed) {
                if (closed) {
                    throw new IllegalStateException("stopping; the request will be redelivered", notConfirmed);
                }
                log.warn(
                        "delivery request at {}-{}@{} not forwarded for a retry ({}); trying again",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        notConfirmed.toString());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping; the request will be redelivered");
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    /** The record reached the dead-letter topic: the last attempt failed, and so has the delivery. */
    public void gaveUp(Sender sender, ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof DeliveryRequested request) || request.channel() != sender.channel()) {
            return;
        }
        CompletableFuture<Attempt> call = pending.get(request.deliveryId());
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
        if (concluded(request.deliveryId())) {
            return;
        }
        int attempts = attempt(record) - 1;
        metrics.deadLetter(sender.channel(), request.lane());
        log.warn("delivery {} to {} given up after {} attempts", request.deliveryId(), request.endpointId(), attempts);
        fail(request, attempts, "gave up after " + attempts + " attempts", true, trace(record));
        remember(request, true);
    }

    void deliver(Sender sender, DeliveryRequested request, int attempt, Header trace) {
        attempt(sender, request, attempt, trace).await();
    }

    /** One attempt up to its answer and its outcome sent; what is left to do is returned, not waited for. */
    private Settlement attempt(Sender sender, DeliveryRequested request, int attempt, Header trace) {
        log.debug("delivery {} to {}: attempt {} begins", request.deliveryId(), request.endpointId(), attempt);
        if (concluded(request.deliveryId())) {
            log.info("delivery {} to {} has concluded before; not again", request.deliveryId(), request.endpointId());
            return Settlement.NONE;
        }
        if (pending.containsKey(request.deliveryId())) {
            throw new AttemptFailed("an earlier attempt is still waiting for an answer");
        }
        EndpointChanged endpoint = endpoint(sender, request, attempt, trace);
        if (endpoint == null || endpoint.removed()) {
            fail(request, attempt, "endpoint removed", true, trace);
            remember(request, true);
            return Settlement.NONE;
        }
        if (!endpoint.verified() && request.feed() != Feed.VERIFICATION) {
            fail(request, attempt, "endpoint not verified", true, trace);
            remember(request, true); // a replay sends it once the endpoint is verified
            return Settlement.NONE;
        }
        boolean gated = sender.isolatesEndpoints();
        String refused = gated ? gate.enter(request.endpointId()) : null;
        if (refused != null) {
            metrics.attempt(sender.channel(), request.lane(), DeliveryMetrics.Outcome.RETRYING, null);
            log.info("delivery {} to {} not attempted: {}", request.deliveryId(), request.endpointId(), refused);
            fail(request, attempt, refused, false, trace);
            throw new AttemptFailed(refused);
        }
        boolean slow = gated && gate.slow(request.endpointId());
        CompletableFuture<Attempt> call =
                CompletableFuture.supplyAsync(() -> call(sender, request, endpoint, trace), calls);
        Attempt result;
        try {
            result = slow ? call.getNow(null) : call.get(gate.detachAfter().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailed("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // call() catches everything
        }
        if (result != null) {
            return conclude(sender, request, attempt, result, trace);
        }
        // slow receiver: the partition moves on, the call goes on, and concludes by itself
        pending.put(request.deliveryId(), call);
        if (gated) {
            gate.detached(request.endpointId());
        }
        call.whenComplete((late, error) -> {
            try {
                conclude(sender, request, attempt, late, trace).await();
            } catch (AttemptFailed retriedAnyway) {
                // the request is already on the retry topics, which try again
                log.info(
                        "delivery {} to {}: late answer {}; its retry decides",
                        request.deliveryId(),
                        request.endpointId(),
                        retriedAnyway.getMessage());
            } catch (RuntimeException e) {
                log.warn(
                        "delivery {} to {}: a late answer could not be recorded",
                        request.deliveryId(),
                        request.endpointId(),
                        e);
            } finally {
                if (gated) {
                    gate.reattached(request.endpointId());
                }
                pending.remove(request.deliveryId());
            }
        });
        log.info(
                "delivery {} to {}: no answer after {} ms, moving on (attempt {})",
                request.deliveryId(),
                request.endpointId(),
                slow ? 0 : gate.detachAfter().toMillis(),
                attempt);
        throw new AttemptFailed("receiver slow; answer pending");
    }

    /**
     * The endpoint a request names as the directory has it; {@code null} if the directory has a tombstone for it.
     * One the directory has never had is waited for briefly, then {@link AttemptFailed retried}.
     */
    private EndpointChanged endpoint(Sender sender, DeliveryRequested request, int attempt, Header trace) {
        EndpointChanged endpoint = directory.get(request.endpointId()).orElse(null);
        if (endpoint != null) {
            return endpoint;
        }
        // a record never seen may be on directory already, not yet read here (a verification follows the new
        // endpoint's record at once): the view waits for it, then the retry topics do
        if (directory.seenOrAwait(request.endpointId())) {
            return directory.get(request.endpointId()).orElse(null);
        }
        metrics.attempt(sender.channel(), request.lane(), DeliveryMetrics.Outcome.RETRYING, null);
        log.info("delivery {}: endpoint {} not known (yet)", request.deliveryId(), request.endpointId());
        fail(request, attempt, NOT_KNOWN, false, trace);
        throw new AttemptFailed(NOT_KNOWN);
    }

    /** One call, always ending in an attempt: a sender's exception is a failure worth retrying. */
    private Attempt call(Sender sender, DeliveryRequested request, EndpointChanged endpoint, Header trace) {
        long began = System.nanoTime();
        Attempt result;
        try (DeliveryMetrics.Call ignored = metrics.call(sender.channel())) {
            result = sender.send(request, endpoint);
        } catch (RuntimeException e) {
            log.warn(
                    "delivery {} to {}: the {} sender failed",
                    request.deliveryId(),
                    request.endpointId(),
                    sender.channel(),
                    e);
            result = Attempt.retry("sender error: " + e.getClass().getSimpleName(), null, false);
        }
        Instant failingSince = sender.isolatesEndpoints() ? gate.leave(request.endpointId(), result) : null;
        if (failingSince != null) {
            Duration failing = Duration.between(failingSince, Instant.now(clock));
            log.warn("endpoint {} has failed every call for {}; disabling it", request.endpointId(), failing);
            disable(request, "failing for " + hours(failing), failingSince, trace);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        metrics.attempt(
                sender.channel(),
                request.lane(),
                switch (result.kind()) {
                    case SUCCEEDED -> DeliveryMetrics.Outcome.SUCCEEDED;
                    case RETRY -> DeliveryMetrics.Outcome.RETRYING;
                    case PERMANENT -> DeliveryMetrics.Outcome.FAILED;
                },
                result.answered() ? took : null);
        if (result.succeeded()) {
            // one line per delivery would be ten thousand lines per statewide alert: the outcome is on the topic
            log.debug(
                    "delivery {} to {}: {} in {} ms",
                    request.deliveryId(),
                    request.endpointId(),
                    result.reference(),
                    took.toMillis());
        } else {
            log.info(
                    "delivery {} to {}: {} in {} ms",
                    request.deliveryId(),
                    request.endpointId(),
                    result.reason() + (result.kind() == Attempt.Kind.PERMANENT ? ", permanent" : ""),
                    took.toMillis());
        }
        return result;
    }

    /**
     * Publishes the attempt's outcome. A success is settled later ({@link Settlement}); a failure here and now: it
     * throws {@link AttemptFailed} if it is worth retrying, and a permanent one is confirmed and recorded.
     */
    private Settlement conclude(Sender sender, DeliveryRequested request, int attempt, Attempt result, Header trace) {
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
                remember(request, false);
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
        remember(request, true); // concluded: a late retry must not call again
        return Settlement.NONE;
    }

    /** Publishes a failure outcome; a permanent one ends the delivery. */
    private void fail(DeliveryRequested request, int attempt, String reason, boolean permanent, Header trace) {
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

    /** Tells subscription-service the endpoint is unusable: it disables it and tells the organisation. */
    private void disable(DeliveryRequested request, String reason, Instant failingSince, Header trace) {
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

    private static String hours(Duration failing) {
        return failing.toHours() >= 1 ? failing.toHours() + " h" : failing.toSeconds() + " s";
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

    private boolean concluded(String deliveryId) {
        try {
            return concluded.has(deliveryId);
        } catch (RuntimeException redisDown) {
            // at least once: better a repeat with the same delivery id than an alert not sent
            log.warn("cannot check whether delivery {} was sent (Redis); sending", deliveryId);
            return false;
        }
    }

    private void remember(DeliveryRequested request, boolean failed) {
        try {
            concluded.remember(request, failed, Instant.now(clock));
        } catch (RuntimeException redisDown) {
            log.warn(
                    "cannot record delivery {} as concluded (Redis); a redelivery would repeat it",
                    request.deliveryId());
        }
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
        calls.shutdownNow();
    }
}
