package org.schoolsafety.platform.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Notices that Redis lost its data without the service restarting: at start it leaves a generation mark in Redis
 * (shared by every instance of the service), then looks for it every {@code ssn.redis.wipe-check}. A mark that is
 * gone, or that another instance has replaced after finding it gone, means the data went with it: the watch sets a
 * new mark and publishes {@link RedisWiped}. While Redis does not answer, nothing is concluded.
 */
public class RedisWipeWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisWipeWatch.class);

    private final StringRedisTemplate redis;
    private final ApplicationEventPublisher events;
    private final String key;
    private final Duration interval;
    private volatile String generation;
    private volatile ScheduledExecutorService watching;

    public RedisWipeWatch(
            StringRedisTemplate redis, ApplicationEventPublisher events, String service, Duration interval) {
        this.redis = redis;
        this.events = events;
        this.key = "ssn:generation:" + service;
        this.interval = interval;
    }

    /** Before the views read their topics (phase 0): a wipe during their first read is noticed too. */
    @Override
    public int getPhase() {
        return -100;
    }

    @Override
    public void start() {
        try {
            generation = current();
        } catch (RuntimeException e) {
            log.warn("Redis did not answer; the wipe watch starts without a generation mark: {}", e.toString());
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("redis-wipe-watch").factory());
        scheduler.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        watching = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = watching;
        watching = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return watching != null;
    }

    /** Looks once: publishes {@link RedisWiped} when the mark went or changed since the last look. */
    void check() {
        String now = current();
        String before = generation;
        generation = now;
        if (before != null && !before.equals(now)) {
            log.warn(
                    "Redis lost this service's data (generation mark {} is now {}); rebuilding from the topics",
                    before,
                    now);
            events.publishEvent(new RedisWiped(now));
        }
    }

    private void look() {
        try {
            check();
        } catch (RuntimeException e) {
            log.debug("Redis did not answer the wipe check; looking again in {}", interval, e);
        }
    }

    /** The mark in Redis, set anew if it is gone (the first instance to find it gone sets it; others read it). */
    private String current() {
        redis.opsForValue().setIfAbsent(key, UUID.randomUUID().toString());
        String mark = redis.opsForValue().get(key);
        if (mark == null) {
            throw new IllegalStateException("the generation mark " + key + " vanished as it was set");
        }
        return mark;
    }
}
