package org.schoolsafety.bulletin.publication;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.bulletin.BulletinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code ssn.bulletin.publication.poll-every}, publishes the scheduled bulletins that are due. A ShedLock
 * lock in Redis lets one instance poll at a time (the others skip that round); exactly-once does not rest on it
 * but on the per-bulletin claim in {@link Publications}, which also survives a lock that expired mid-run.
 */
@Component
class SchedulePoller implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchedulePoller.class);
    private static final int BATCH = 20;

    private final BulletinStore store;
    private final Publications publications;
    private final BulletinSettings settings;
    private final Clock clock;
    private final LockingTaskExecutor locks;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    SchedulePoller(
            BulletinStore store,
            Publications publications,
            BulletinSettings settings,
            Clock clock,
            RedisConnectionFactory redis) {
        this.store = store;
        this.publications = publications;
        this.settings = settings;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(new RedisLockProvider(redis, "schedule", "bulletin:lock"));
        scheduler.setThreadNamePrefix("bulletin-schedule-");
    }

    /** Starts polling once the service is ready, so that nothing is published by a half-started instance. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(
                this::pollLocked, settings.publication().pollEvery());
    }

    private void pollLocked() {
        Duration claimFor = settings.publication().claimFor();
        try {
            locks.executeWithLock(
                    (Runnable) this::poll,
                    new LockConfiguration(clock.instant(), "bulletin-publication", claimFor, Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("scheduled publication round failed; the next round tries again", e);
        }
    }

    /** One round: each due bulletin, published by whichever instance claims it. */
    void poll() {
        for (String id : store.due(clock.millis(), BATCH)) {
            try {
                if (publications.publishIfDue(id)) {
                    log.info("scheduled bulletin {} published", id);
                }
            } catch (RuntimeException e) {
                log.warn("scheduled bulletin {} not published this round", id, e);
            }
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
