package org.schoolsafety.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.schoolsafety.delivery.settings.Isolation;

/**
 * Keeps one endpoint's trouble its own ({@code ssn.delivery.isolation}). Per endpoint, in this instance:
 * <ul>
 *   <li>at most {@code maxInFlight} calls at once; more are refused (and retried later) instead of queueing;
 *   <li>a circuit breaker: after {@code failuresToOpen} failures in a row (no answer, 5xx, 408, 429) no call is
 *       made for {@code openFor}; then one call probes, and closes the circuit if it succeeds;
 *   <li>a receiver's {@code Retry-After} (up to {@code maxRetryAfter}): no call before then;
 *   <li>an endpoint with a call that outlived {@code detachAfter} is slow: {@link Deliveries} waits for none of
 *       its calls until that one has answered;
 *   <li>an endpoint whose calls have all failed for {@code disableAfter} is reported once, to be disabled.
 * </ul>
 * A refused call fails its attempt as worth retrying: the request goes to the retry topics and the partition
 * moves on to other endpoints.
 */
class EndpointGate {

    private static final class State {
        int inFlight;
        int detached;
        int failures;
        long closedUntil; // System.nanoTime(); 0 = open for calls
        long failingSince; // epoch millis of the first failure in a row; 0 = none
        boolean reported;
    }

    private final Isolation properties;
    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    EndpointGate(Isolation properties) {
        this.properties = properties;
    }

    Duration detachAfter() {
        return properties.detachAfter();
    }

    /**
     * Lets a call through and counts it as in flight, or says why not.
     *
     * @return {@code null} when the call may be made (then {@link #leave} must follow), else the reason
     */
    String enter(String endpointId) {
        String[] refusal = new String[1];
        long now = System.nanoTime();
        states.compute(endpointId, (id, state) -> {
            State s = state == null ? new State() : state;
            if (s.closedUntil != 0 && now - s.closedUntil < 0) {
                refusal[0] = s.failures >= properties.failuresToOpen()
                        ? "circuit open after " + s.failures + " failures in a row"
                        : "receiver asked to wait (Retry-After)";
            } else if (s.failures >= properties.failuresToOpen() && s.inFlight > 0) {
                refusal[0] = "circuit half-open, probe under way";
            } else if (s.inFlight >= properties.maxInFlight()) {
                refusal[0] = "endpoint busy (" + s.inFlight + " calls in flight)";
            } else {
                s.inFlight++;
            }
            return s;
        });
        return refusal[0];
    }

    /**
     * A call let through by {@link #enter} has ended so.
     *
     * @return when its failures began, the first time they have lasted {@code disableAfter}; else {@code null}
     */
    Instant leave(String endpointId, Attempt attempt) {
        long now = System.nanoTime();
        long wallNow = System.currentTimeMillis();
        Instant[] sustained = new Instant[1];
        states.compute(endpointId, (id, s) -> {
            if (s == null) {
                return null;
            }
            s.inFlight--;
            if (attempt.succeeded()) {
                s.failures = 0;
                s.closedUntil = 0;
                s.failingSince = 0;
                s.reported = false;
            } else if (attempt.kind() == Attempt.Kind.RETRY) {
                s.failures++;
                if (s.failingSince == 0) {
                    s.failingSince = wallNow;
                } else if (!s.reported
                        && wallNow - s.failingSince >= properties.disableAfter().toMillis()) {
                    s.reported = true;
                    sustained[0] = Instant.ofEpochMilli(s.failingSince);
                }
                if (s.failures >= properties.failuresToOpen()) {
                    s.closedUntil = now + properties.openFor().toNanos();
                }
            }
            if (attempt.retryAfter() != null && attempt.retryAfter().isPositive()) {
                long hold = now
                        + min(attempt.retryAfter(), properties.maxRetryAfter()).toNanos();
                if (s.closedUntil == 0 || hold - s.closedUntil > 0) {
                    s.closedUntil = hold;
                }
            }
            return forgettable(s, now) ? null : s;
        });
        return sustained[0];
    }

    /** A call outlived {@link #detachAfter()}: until it ends ({@link #reattached}), the endpoint is slow. */
    void detached(String endpointId) {
        states.computeIfPresent(endpointId, (id, s) -> {
            s.detached++;
            return s;
        });
    }

    void reattached(String endpointId) {
        states.computeIfPresent(endpointId, (id, s) -> {
            s.detached--;
            return forgettable(s, System.nanoTime()) ? null : s;
        });
    }

    /** A call to it is still waiting for an answer after {@link #detachAfter()}. */
    boolean slow(String endpointId) {
        State s = states.get(endpointId);
        return s != null && s.detached > 0;
    }

    private static boolean forgettable(State s, long now) {
        return s.inFlight <= 0
                && s.detached <= 0
                && s.failures == 0
                && (s.closedUntil == 0 || now - s.closedUntil >= 0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
