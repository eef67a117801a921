package org.schoolsafety.bulletin.assembly;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.schoolsafety.bulletin.AssemblySettings;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.bulletin.Bulletins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code ssn.bulletin.assembly.poll-every}, drafts the week's bulletin once its assembly time
 * ({@code ssn.bulletin.assembly.day} at {@code time}) has come and no bulletin covers the week yet; so an instance
 * that was down at that time catches up when it starts. A ShedLock lock in Redis lets one instance look at a time;
 * "no bulletin for the week yet" (checked again under a per-week key in {@link Assembly}) makes it once.
 */
@Component
class AssemblyPoller implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AssemblyPoller.class);
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(2);

    private final Assembly assembly;
    private final Bulletins bulletins;
    private final BulletinSettings settings;
    private final Clock clock;
    private final LockingTaskExecutor locks;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    AssemblyPoller(
            Assembly assembly,
            Bulletins bulletins,
            BulletinSettings settings,
            Clock clock,
            RedisConnectionFactory redis) {
        this.assembly = assembly;
        this.bulletins = bulletins;
        this.settings = settings;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(new RedisLockProvider(redis, "assembly", "bulletin-assembly:lock"));
        scheduler.setThreadNamePrefix("bulletin-assembly-");
    }

    /** Starts once the service is ready, and only when the automatic draft is enabled. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.assembly().enabled()) {
            log.info("the weekly draft is not assembled automatically (ssn.bulletin.assembly.enabled=false)");
            return;
        }
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::pollLocked, settings.assembly().pollEvery());
    }

    private void pollLocked() {
        try {
            locks.executeWithLock(
                    (Runnable) this::poll,
                    new LockConfiguration(clock.instant(), "bulletin-assembly", LOCK_AT_MOST, Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("weekly draft round failed; the next round tries again", e);
        }
    }

    /** One round: the due week's draft, unless a bulletin covers that week already. */
    void poll() {
        AssemblySettings when = settings.assembly();
        Optional<LocalDate> week = dueWeek(clock.instant(), settings.zone(), when.day(), when.time());
        if (week.isEmpty() || bulletins.existsForWeek(week.get())) {
            return;
        }
        try {
            log.info(
                    "weekly draft {} assembled for the week of {}",
                    assembly.assemble(week.get()).id(),
                    week.get());
        } catch (BulletinRefusal.Conflict e) {
            log.debug("weekly draft for {} not assembled here: {}", week.get(), e.getMessage());
        }
    }

    /**
     * The latest week (its Monday) whose assembly time has come at {@code now}: this week or, for an assembly day
     * before the weekend, next week. The assembly time of week W is {@code day} on or before W's Monday at
     * {@code time} in {@code zone}.
     */
    static Optional<LocalDate> dueWeek(Instant now, ZoneId zone, DayOfWeek day, LocalTime time) {
        LocalDate thisMonday = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (LocalDate week : new LocalDate[] {thisMonday.plusWeeks(1), thisMonday}) {
            Instant at = week.with(TemporalAdjusters.previousOrSame(day))
                    .atTime(time)
                    .atZone(zone)
                    .toInstant();
            if (!now.isBefore(at)) {
                return Optional.of(week);
            }
        }
        return Optional.empty();
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
