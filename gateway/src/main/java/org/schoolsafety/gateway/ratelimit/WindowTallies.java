package org.schoolsafety.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance knows of each client's count in the current one-second window: the requests it counted
 * itself, those of them it has not sent to Redis yet, and the latest total Redis returned for the window (every
 * instance's requests) together with how many of its own requests that total is known to include.
 *
 * <p>The estimate of the total, including the request being counted, is {@code shared + local - answered}: the
 * latest total Redis gave, plus this instance's requests not yet in it. With one instance it is exactly the count
 * Redis will return once it has all of them. With several, another instance's requests show up here with this
 * instance's next answer from Redis. While Redis does not answer, the estimate grows with every request this
 * instance counts (it is never below the instance's own count), so a flood is still cut.
 *
 * <p>Old windows are dropped as time moves on; an answer for a dropped window is ignored, and its requests not
 * sent yet are not sent (that window's count no longer decides anything).
 */
final class WindowTallies {

    private static final class Tally {
        final AtomicLong local = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong shared = new AtomicLong();
        final AtomicLong unsent = new AtomicLong();
    }

    /**
     * A request counted: the estimated total, this request included, and whether it is the first one waiting to be
     * sent to Redis (the caller then sends the batch a moment later: {@link #takeUnsent}).
     */
    record Count(long estimate, boolean startsBatch) {}

    private final ConcurrentHashMap<String, Tally> tallies = new ConcurrentHashMap<>();
    private volatile long currentWindow;

    /** Counts one request of {@code client} in {@code window}. */
    Count count(String client, long window) {
        // only forward: a request that took its window just before the second turned, and is counted after a
        // newer one, must not drop the newer window's tallies
        if (window > currentWindow) {
            currentWindow = window;
            String suffix = ":" + window;
            tallies.keySet().removeIf(key -> !key.endsWith(suffix));
        }
        Tally tally = tallies.computeIfAbsent(client + ":" + window, key -> new Tally());
        long local = tally.local.incrementAndGet();
        boolean startsBatch = tally.unsent.getAndIncrement() == 0;
        // answered before shared: an answer writes shared first, so a fresh answered count never meets a stale
        // total (which would make the estimate one too low)
        long answered = tally.answered.get();
        return new Count(tally.shared.get() + local - answered, startsBatch);
    }

    /**
     * This instance's requests of {@code client} in {@code window} not yet sent to Redis, now taken to be sent;
     * 0 when there are none or the window has gone. The next request counted then starts a new batch.
     */
    long takeUnsent(String client, long window) {
        Tally tally = tallies.get(client + ":" + window);
        return tally == null ? 0 : tally.unsent.getAndSet(0);
    }

    /**
     * Redis returned {@code total} for a batch of {@code requests} of this instance's requests of {@code client}
     * in {@code window}.
     */
    void answered(String client, long window, long total, long requests) {
        Tally tally = tallies.get(client + ":" + window);
        if (tally == null) {
            return;
        }
        tally.shared.accumulateAndGet(total, Math::max);
        tally.answered.addAndGet(requests);
    }
}
