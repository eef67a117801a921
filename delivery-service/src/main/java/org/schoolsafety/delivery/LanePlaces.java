package org.schoolsafety.delivery;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.schoolsafety.events.vocabulary.Lane;

/**
 * The caps of concurrent delivery, per channel and lane: at most {@link Sender#concurrentAttempts} requests whose
 * call has no answer yet, and at most {@value #SETTLING_PER_PLACE} times as many not yet settled (their outcome
 * confirmed by the broker and recorded, or the request forwarded), so that a broker that stops confirming holds the
 * listener back instead of letting calls run on.
 */
final class LanePlaces {

    static final int SETTLING_PER_PLACE = 4;

    /** The two permits a request holds: a place under way, given up at the call's answer, and one to settle. */
    record Held(Semaphore underWay, Semaphore settling) {}

    private final ConcurrentMap<String, Held> byLane = new ConcurrentHashMap<>();

    /**
     * Waits for both permits of the sender's lane.
     *
     * @throws InterruptedException when stopping; nothing is held then
     */
    Held acquire(Sender sender, Lane lane) throws InterruptedException {
        Held held = byLane.computeIfAbsent(
                sender.channel() + "/" + lane,
                ignored -> new Held(
                        new Semaphore(sender.concurrentAttempts()),
                        new Semaphore(SETTLING_PER_PLACE * sender.concurrentAttempts())));
        held.settling().acquire();
        try {
            held.underWay().acquire();
        } catch (InterruptedException e) {
            held.settling().release();
            throw e;
        }
        return held;
    }
}
