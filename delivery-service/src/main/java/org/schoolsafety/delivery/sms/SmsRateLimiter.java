package org.schoolsafety.delivery.sms;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.schoolsafety.delivery.settings.SmsSettings;
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

    /** Returns the window's count after this increment, and microseconds into the second. */
    private static final RedisScript<List> WINDOW = new DefaultRedisScript<>("""
            local now = redis.call('TIME')
            local key = KEYS[1] .. now[1]
            local count = redis.call('INCR', key)
            if count == 1 then
              redis.call('EXPIRE', key, 2)
            end
            return {count, tonumber(now[2]), tonumber(now[1])}
            """, List.class);

    /** One window's answer: how many took it so far (this one included), and where in its second we are. */
    record Window(long second, long count, long microsIntoSecond, boolean shared) {}

    private final StringRedisTemplate redis;
    private final int limit;
    private final Duration maxWait;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final Object localLock = new Object();
    private long localSecond = -1;
    private long localCount;

    @Autowired
    SmsRateLimiter(StringRedisTemplate redis, SmsSettings properties) {
        this(redis, properties.messagesPerSecond(), properties.maxRateWait());
    }

    SmsRateLimiter(StringRedisTemplate redis, int limit, Duration maxWait) {
        this.redis = redis;
        this.limit = limit;
        this.maxWait = maxWait;
    }

    /** Takes one message from the rate, waiting for the next window if need be; {@code false}: over the rate. */
    public boolean acquire() {
        return take() != null;
    }

    /** The window the message was let through in, or {@code null} when it was not within the wait. */
    Window take() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        // each round waits for the next window: bounded by the wait, in seconds, and a few more to be safe
        int rounds = (int) Math.min(100, maxWait.toSeconds() + 3);
        for (int round = 0; round < rounds; round++) {
            Window window = window();
            if (window.count() <= limit) {
                return window;
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

    private Window window() {
        try {
            List<?> answer = redis.execute(WINDOW, List.of(KEY_PREFIX));
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
            return localWindow();
        }
    }

    private Window localWindow() {
        long micros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        long second = micros / 1_000_000;
        synchronized (localLock) {
            if (second != localSecond) {
                localSecond = second;
                localCount = 0;
            }
            localCount++;
            return new Window(second, localCount, micros % 1_000_000, false);
        }
    }
}
