package org.schoolsafety.delivery.sms;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.events.vocabulary.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The provider's rate ({@code ssn.delivery.sms.messages-per-second}) for the whole platform, shared by every instance:
 * a fixed one-second window counted in Redis. A Lua script reads Redis's own clock ({@code TIME}, so instances
 * whose clocks differ still agree on the window), increments {@code sms:rate:<epochSecond>} and lets it expire
 * two seconds later. Over the limit, an attempt waits for the next window, at most {@code ssn.delivery.sms.max-rate-wait};
 * past that it is refused and the delivery is retried later.
 *
 * <p>Urgent alerts take what they need; bulk messages get the rest: at most
 * {@code ssn.delivery.sms.bulk-share} of each window, and none while an urgent message waits for the rate
 * ({@value #URGENT_WAITING} in Redis, set until the next window). A bulk message refused is not counted.
 *
 * <p>A fixed window lets up to twice the rate through across a window boundary (the end of one second and the
 * start of the next); the provider's own limits (Twilio queues per sender) absorb that.
 *
 * <p>Redis down: fails open, so alerts still go out, but each instance then keeps its own window of the same
 * limit in memory, so the platform sends at most the limit times the number of instances until Redis is back.
 */
@Component
class SmsRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SmsRateLimiter.class);

    static final String KEY_PREFIX = "sms:rate:";

    /**
     * Takes one message from the window of this second. ARGV: the lane's ceiling, whether it is bulk. Urgent always
     * counts itself and is let through up to the whole rate; bulk is let through (and counted) only while the window
     * is below bulk's ceiling and no urgent message waits. Returns the window's count with this message (bulk
     * refused: one past the rate), microseconds into the second, the second.
     */
    private static final RedisScript<List> WINDOW = new DefaultRedisScript<>("""
            local now = redis.call('TIME')
            local key = KEYS[1] .. now[1]
            local count
            if ARGV[2] == '1' then
              count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[1]) or redis.call('EXISTS', KEYS[2]) == 1 then
                return {tonumber(ARGV[3]) + 1, tonumber(now[2]), tonumber(now[1])}
              end
            end
            count = redis.call('INCR', key)
            if count == 1 then
              redis.call('EXPIRE', key, 2)
            end
            return {count, tonumber(now[2]), tonumber(now[1])}
            """, List.class);

    /** Set while an urgent message waits for the rate, so that bulk takes none meanwhile. */
    static final String URGENT_WAITING = "sms:urgent-waiting";

    /** One window's answer: how many took it so far (this one included), and where in its second we are. */
    record Window(long second, long count, long microsIntoSecond, boolean shared) {}

    private final StringRedisTemplate redis;
    private final int limit;
    private final int bulkLimit;
    private final Duration maxWait;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final Object localLock = new Object();
    private long localSecond = -1;
    private long localCount;
    private long localUrgentWaitingUntil;

    @Autowired
    SmsRateLimiter(StringRedisTemplate redis, SmsSettings properties) {
        this(redis, properties.messagesPerSecond(), properties.bulkMessagesPerSecond(), properties.maxRateWait());
    }

    /** A limiter whose bulk messages may take the whole rate while no urgent one waits. */
    SmsRateLimiter(StringRedisTemplate redis, int limit, Duration maxWait) {
        this(redis, limit, limit, maxWait);
    }

    SmsRateLimiter(StringRedisTemplate redis, int limit, int bulkLimit, Duration maxWait) {
        this.redis = redis;
        this.limit = limit;
        this.bulkLimit = Math.min(limit, bulkLimit);
        this.maxWait = maxWait;
    }

    /** Takes one urgent message from the rate ({@link #acquire(Lane)}). */
    public boolean acquire() {
        return acquire(Lane.URGENT);
    }

    /**
     * Takes one message of the lane from the rate, waiting for the next window if need be; {@code false}: over the
     * rate.
     */
    public boolean acquire(Lane lane) {
        return takeFor(lane) != null;
    }

    /** An urgent message's window ({@link #takeFor(Lane)}). */
    Window take() {
        return takeFor(Lane.URGENT);
    }

    /**
     * The window the message was let through in, or {@code null} when it was not within the wait. Urgent takes what
     * it needs of the rate; bulk gets the rest: at most its share of each window, and nothing while an urgent
     * message waits.
     */
    Window takeFor(Lane lane) {
        boolean bulk = lane == Lane.BULK;
        long deadline = System.nanoTime() + maxWait.toNanos();
        // each round waits for the next window: bounded by the wait, in seconds, and a few more to be safe
        int rounds = (int) Math.min(100, maxWait.toSeconds() + 3);
        for (int round = 0; round < rounds; round++) {
            Window window = window(bulk);
            if (window.count() <= limit) {
                return window;
            }
            if (!bulk) {
                urgentWaits(window);
            }
            long waitNanos = TimeUnit.MICROSECONDS.toNanos(1_000_000 - window.microsIntoSecond())
                    + TimeUnit.MILLISECONDS.toNanos(1);
            if (System.nanoTime() + waitNanos - deadline > 0) {
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Bulk takes nothing until this urgent message has had its next window. */
    private void urgentWaits(Window window) {
        long untilNextWindowMillis = 1_000 - window.microsIntoSecond() / 1_000 + 100;
        if (window.shared()) {
            try {
                redis.opsForValue().set(URGENT_WAITING, "1", Duration.ofMillis(untilNextWindowMillis));
                return;
            } catch (RuntimeException redisDown) {
                // the local window's flag below, as for the rate itself
            }
        }
        synchronized (localLock) {
            localUrgentWaitingUntil = System.currentTimeMillis() + untilNextWindowMillis;
        }
    }

    private Window window(boolean bulk) {
        try {
            List<?> answer = redis.execute(
                    WINDOW,
                    List.of(KEY_PREFIX, URGENT_WAITING),
                    Integer.toString(bulkLimit),
                    bulk ? "1" : "0",
                    Integer.toString(limit));
            if (redisDown.compareAndSet(true, false)) {
                log.info("SMS rate: Redis is back, the rate is shared again");
            }
            return new Window(
                    ((Number) answer.get(2)).longValue(),
                    ((Number) answer.get(0)).longValue(),
                    ((Number) answer.get(1)).longValue(),
                    true);
        } catch (RuntimeException e) {
            if (redisDown.compareAndSet(false, true)) {
                log.warn(
                        "SMS rate: Redis unavailable ({}); limiting this instance alone to {} per second",
                        e.getClass().getSimpleName(),
                        limit);
            }
            return localWindow(bulk);
        }
    }

    private Window localWindow(boolean bulk) {
        long millis = System.currentTimeMillis();
        long micros = TimeUnit.MILLISECONDS.toMicros(millis);
        long second = micros / 1_000_000;
        synchronized (localLock) {
            if (second != localSecond) {
                localSecond = second;
                localCount = 0;
            }
            if (bulk && (localCount >= bulkLimit || millis < localUrgentWaitingUntil)) {
                return new Window(second, limit + 1L, micros % 1_000_000, false);
            }
            localCount++;
            return new Window(second, localCount, micros % 1_000_000, false);
        }
    }
}
