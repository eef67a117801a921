package org.schoolsafety.bulletin.archive;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive in Redis: each revision of each bulletin as it was published ({@code bulletin-archive:revisions:<id>},
 * revision number to record), and the latest revision of each ({@code bulletin-archive:latest}, id to record, with
 * its number in {@code bulletin-archive:latest-revision}). Storing is idempotent per bulletin and revision, and an
 * older revision read after a newer one never replaces it as the latest, so the topic may be read again at any time.
 */
@Component
class ArchiveStore {

    static final String PREFIX = "bulletin-archive:";
    private static final String LATEST = PREFIX + "latest";
    private static final String LATEST_REVISION = PREFIX + "latest-revision";

    /** One script, so that a revision and the latest pointer never disagree. */
    private static final RedisScript<Long> STORE = RedisScript.of("""
            local added = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3])
            local current = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
            if tonumber(ARGV[1]) > current then
              redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
              redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
            end
            return added
            """, Long.class);

    /** Newest week first; within a week, the latest published first. */
    static final Comparator<BulletinPublished> NEWEST_FIRST = Comparator.comparing(BulletinPublished::weekOf)
            .thenComparing(BulletinPublished::publishedAt)
            .reversed();

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    ArchiveStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Keeps a revision; says whether it was new. Redis failures propagate, so the listener retries the record. */
    boolean store(BulletinPublished revision) {
        Long added = redis.execute(
                STORE,
                List.of(revisionsKey(revision.bulletinId()), LATEST_REVISION, LATEST),
                Integer.toString(revision.revision()),
                revision.bulletinId(),
                json.writeValueAsString(revision));
        return added != null && added == 1L;
    }

    /** The latest revision of every bulletin, newest first. */
    List<BulletinPublished> latest() {
        return reading(() -> redis.<String, String>opsForHash().values(LATEST).stream()
                .map(this::read)
                .sorted(NEWEST_FIRST)
                .toList());
    }

    /** The latest revision of one bulletin. */
    Optional<BulletinPublished> latest(String bulletinId) {
        return reading(
                () -> Optional.ofNullable(redis.<String, String>opsForHash().get(LATEST, bulletinId))
                        .map(this::read));
    }

    /** Every revision of one bulletin, the first first; empty when the archive has none. */
    List<BulletinPublished> revisions(String bulletinId) {
        return reading(() -> redis.<String, String>opsForHash().values(revisionsKey(bulletinId)).stream()
                .map(this::read)
                .sorted(Comparator.comparingInt(BulletinPublished::revision))
                .toList());
    }

    private BulletinPublished read(String stored) {
        return json.readValue(stored, BulletinPublished.class);
    }

    private static String revisionsKey(String bulletinId) {
        return PREFIX + "revisions:" + bulletinId;
    }

    private static <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            throw new BulletinRefusal.Unavailable("The archive could not be read just now; try again in a moment.");
        }
    }
}
