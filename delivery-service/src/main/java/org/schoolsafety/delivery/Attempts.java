package org.schoolsafety.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt up to its call's answer and its outcome sent:
 * <ul>
 *   <li>a concluded delivery is not attempted again ({@link Idempotency});
 *   <li>a removed endpoint, and an unverified one (except for its verification), fail permanently. One the
 *       directory has never had is waited for ({@link EndpointDirectory#seenOrAwait}), then retried;
 *   <li>for a sender that isolates endpoints, the {@link EndpointGate} may refuse the call: retried;
 *   <li>the call runs on a virtual thread. If it has not ended after the gate's {@code detachAfter} (at once for
 *       an endpoint already slow), the attempt stops waiting and fails as worth retrying; the call goes on, and
 *       when it ends its outcome is published as usual. A retry that comes before then waits its turn again.
 * </ul>
 */
final class Attempts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    private final EndpointDirectory directory;
    private final EndpointGate gate;
    private final DeliveryMetrics metrics;
    private final Outcomes outcomes;
    private final Idempotency idempotency;
    private final Clock clock;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delivery-call-", 0).factory());
    /** Calls that outlived the wait, by delivery id: a retry of one waits, the dead-letter handler too. */
    private final ConcurrentMap<String, CompletableFuture<Attempt>> pending = new ConcurrentHashMap<>();

    Attempts(
            EndpointDirectory directory,
            EndpointGate gate,
            DeliveryMetrics metrics,
            Outcomes outcomes,
            Idempotency idempotency,
            Clock clock) {
        this.directory = directory;
        this.gate = gate;
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** Runs a request's delivery on a virtual thread of its own, as its call runs. */
    void execute(Runnable delivery) {
        calls.execute(delivery);
    }

    /** The call of this delivery still under way after it was detached, or {@code null}. */
    CompletableFuture<Attempt> pending(String deliveryId) {
        return pending.get(deliveryId);
    }

    /** One attempt up to its answer and its outcome sent; what is left to do is returned, not waited for. */
    Settlement attempt(Sender sender, DeliveryRequested request, int attempt, Header trace) {
        log.debug("delivery {} to {}: attempt {} begins", request.deliveryId(), request.endpointId(), attempt);
        if (idempotency.concluded(request.deliveryId())) {
            log.info("delivery {} to {} has concluded before; not again", request.deliveryId(), request.endpointId());
            return Settlement.NONE;
        }
        if (pending.containsKey(request.deliveryId())) {
            throw new AttemptFailed("an earlier attempt is still waiting for an answer");
        }
        EndpointChanged endpoint = endpoint(sender, request, attempt, trace);
        if (endpoint == null || endpoint.removed()) {
            outcomes.failForGood(request, attempt, "endpoint removed", trace);
            return Settlement.NONE;
        }
        if (!endpoint.verified() && request.feed() != Feed.VERIFICATION) {
            // a replay sends it once the endpoint is verified
            outcomes.failForGood(request, attempt, "endpoint not verified", trace);
            return Settlement.NONE;
        }
        boolean gated = sender.isolatesEndpoints();
        String refused = gated ? gate.enter(request.endpointId()) : null;
        if (refused != null) {
            metrics.attempt(sender.channel(), request.lane(), DeliveryMetrics.Outcome.RETRYING, null);
            log.info("delivery {} to {} not attempted: {}", request.deliveryId(), request.endpointId(), refused);
            outcomes.fail(request, attempt, refused, false, trace);
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
            return outcomes.conclude(sender, request, attempt, result, trace);
        }
        detach(sender, request, attempt, trace, call, gated);
        log.info(
                "delivery {} to {}: no answer after {} ms, moving on (attempt {})",
                request.deliveryId(),
                request.endpointId(),
                slow ? 0 : gate.detachAfter().toMillis(),
                attempt);
        throw new AttemptFailed("receiver slow; answer pending");
    }

    /** Slow receiver: the partition moves on, the call goes on, and concludes by itself. */
    private void detach(
            Sender sender,
            DeliveryRequested request,
            int attempt,
            Header trace,
            CompletableFuture<Attempt> call,
            boolean gated) {
        pending.put(request.deliveryId(), call);
        if (gated) {
            gate.detached(request.endpointId());
        }
        call.whenComplete((late, error) -> {
            try {
                outcomes.conclude(sender, request, attempt, late, trace).await();
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
        outcomes.fail(request, attempt, Deliveries.NOT_KNOWN, false, trace);
        throw new AttemptFailed(Deliveries.NOT_KNOWN);
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
            outcomes.disable(request, "failing for " + hours(failing), failingSince, trace);
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

    private static String hours(Duration failing) {
        return failing.toHours() >= 1 ? failing.toHours() + " h" : failing.toSeconds() + " s";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
