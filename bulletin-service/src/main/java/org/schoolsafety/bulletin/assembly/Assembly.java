package org.schoolsafety.bulletin.assembly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.BulletinDraft;
import org.schoolsafety.bulletin.bulletin.Bulletins;
import org.schoolsafety.bulletin.training.Training;
import org.schoolsafety.bulletin.training.Trainings;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.platform.security.Caller;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

/**
 * Writes a week's draft: a placeholder for the editor's news, the cyber corner since the last published bulletin
 * (else the last 7 days) and the trainings of the next 4 weeks. It only ever creates a DRAFT; the editor reviews
 * and publishes it. One draft per week: none when any bulletin covers the week already.
 */
@Service
class Assembly {

    /** The actor the service's own drafts are created by. */
    static final Caller SERVICE = new Caller("bulletin-service", "", Set.of());

    static final String THIS_WEEK = "_The editor writes this week's news here before publishing._";
    private static final Duration NO_BULLETIN_YET = Duration.ofDays(7);
    private static final Duration TRAININGS_AHEAD = Duration.ofDays(28);
    /** Longer than an assembly ever takes; only keeps two instances (or the poller and an editor) from racing. */
    private static final Duration ASSEMBLING_FOR = Duration.ofMinutes(2);

    /** KEYS: the week's assembling key. ARGV: our token. Frees it only while it is still ours. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final Bulletins bulletins;
    private final Trainings trainings;
    private final AdvisoryStore advisories;
    private final StringRedisTemplate redis;
    private final ZoneId zone;
    private final Clock clock;

    Assembly(
            Bulletins bulletins,
            Trainings trainings,
            AdvisoryStore advisories,
            StringRedisTemplate redis,
            BulletinSettings settings,
            Clock clock) {
        this.bulletins = bulletins;
        this.trainings = trainings;
        this.advisories = advisories;
        this.redis = redis;
        this.zone = settings.zone();
        this.clock = clock;
    }

    /**
     * Creates the draft for the week of {@code monday}, or refuses with a 409 when a bulletin covers that week
     * already (or another instance is assembling it right now).
     */
    Bulletin assemble(LocalDate monday) {
        String lock = "bulletin-assembly:assembling:" + monday;
        String token = UUID.randomUUID().toString();
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lock, token, ASSEMBLING_FOR))) {
            throw new BulletinRefusal.Conflict("week", "The draft for the week of " + monday + " is being assembled.");
        }
        try {
            if (bulletins.existsForWeek(monday)) {
                throw new BulletinRefusal.Conflict(
                        "week", "A bulletin for the week of " + monday + " exists already; edit that one.");
            }
            return bulletins.create(SERVICE, draft(monday));
        } finally {
            redis.execute(RELEASE, List.of(lock), token);
        }
    }

    private BulletinDraft draft(LocalDate monday) {
        Instant now = clock.instant();
        Instant since = bulletins.lastPublishedAt(now).orElse(now.minus(NO_BULLETIN_YET));
        List<AdvisoryPublished> listed = advisories.between(since, now.plusMillis(1)).stream()
                .filter(a -> AdvisoryListener.LISTABLE.contains(a.tlp()))
                .toList();
        Instant weekStarts = monday.atStartOfDay(zone).toInstant();
        Instant from = now.isAfter(weekStarts) ? now : weekStarts;
        List<BulletinDraft.Item> items = trainings.between(from, from.plus(TRAININGS_AHEAD)).stream()
                .map(Assembly::item)
                .toList();
        String week = DAY.format(monday);
        return new BulletinDraft(
                monday,
                "Missouri School Safety Weekly Update - Week of " + week,
                "The school safety update for the week of " + week + ": cyber advisories and upcoming trainings.",
                CyberCorner.tlp(listed).name(),
                List.of(
                        new BulletinDraft.Section("this-week", null, THIS_WEEK),
                        new BulletinDraft.Section("cyber-corner", null, CyberCorner.markdown(listed, since, zone))),
                items,
                List.of());
    }

    private static BulletinDraft.Item item(Training training) {
        return new BulletinDraft.Item(
                training.id(),
                training.title(),
                training.startsAt(),
                training.endsAt(),
                training.place(),
                training.onlineUrl(),
                training.registrationUrl());
    }
}
