package org.schoolsafety.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance knows of each client's count in the current one-second window: the requests it counted
 * itself, and the latest total Redis returned for the window (every instance's requests) together with how many
 * of its own requests that total is known to include.
 *
 * <p>The estimate of the total, including the request being counted, is {@code shared + local - answered}: the
 * latest total Redis gave, plus this instance's requests not yet in it. With one instance it is exactly the count
 * Redis will return for the request. With several, another instance's requests show up here with this instance's
 * next answer from Redis, one round trip later. While Redis does not answer, the estimate grows with every request
 * this instance counts (it is never below the instance's own count), so a flood is still cut.
 *
 * <p>Old windows are dropped as time moves on; an answer for a dropped window is ignored.
 */
final class WindowTallies {

    private static final class Tally {
        final AtomicLong local = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong shared = new AtomicLong();
    }

    private final ConcurrentHashMap<String, Tally> tallies = new ConcurrentHashMap<>();
    private volatile long currentWindow;

    /** Counts one request of {@code client} in {@code window} and returns the estimated total, this one included. */
    long count(String client, long window) {
        // only forward: a request that took its window just before the second turned, and is counted after a
        // newer one, must not drop the newer window's tallies
        if (window > currentWindow) {
            currentWindow = window;
            String suffix = ":" + window;
            tallies.keySet().removeIf(key -> !key.endsWith(suffix));
        }
        Tally tally = tallies.computeIfAbsent(client + ":" + window, key -> new Tally());
        long local = tally.local.incrementAndGet();
        // answered before shared: an answer writes shared first, so a fresh answered count never meets a stale
        // total (which would make the estimate one too low)
        long answered = tally.answered.get();
        return tally.shared.get() + local - answered;
    }

    /** Redis returned {@code total} for one of this instance's requests of {@code client} in {@code window}. */
    void answered(String client, long window, long total) {
        Tally tally = tallies.get(client + ":" + window);
        if (tally == null) {
            return;
        }
        tally.shared.accumulateAndGet(total, Math::max);
        tally.answered.incrementAndGet();
    }
}
