package org.schoolsafety.bulletin.bulletin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulletins in Redis under the service's own {@code bulletin:} keys: each a hash of its version and its JSON.
 * Every change is a compare-and-set on the version in one Lua script, so two editors never both win. Publishing
 * first claims the bulletin with a key that expires (one publisher at a time, and another takes over if the first
 * died), and completes with the published state and its revision record in one script.
 */
@Component
public class BulletinStore {

    private static final String PREFIX = "bulletin:";
    private static final String INDEX = PREFIX + "index";
    private static final String SCHEDULED = PREFIX + "scheduled";

    /** KEYS: bulletin, index. ARGV: version, json, id, score. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'json', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
            return 1
            """, Long.class);

    /** KEYS: bulletin, claim, scheduled. ARGV: expected version, new version, json, id, publish-at score or "". */
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'version')
            if not current then return -2 end
            if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            if ARGV[5] == '' then
              redis.call('ZREM', KEYS[3], ARGV[4])
            else
              redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
            end
            return 1
            """, Long.class);

    /** KEYS: bulletin, claim. ARGV: expected version or "", token, milliseconds. */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'version')
            if not current then return -2 end
            if ARGV[1] ~= '' and current ~= ARGV[1] then return 0 end
            if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
            return -1
            """, Long.class);

    /**
     * KEYS: bulletin, claim, scheduled, revisions. ARGV: token, version claimed, new version, json, id, revision
     * record. Completes when the claim is still ours, or has expired with nobody having changed the bulletin since.
     */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            local holder = redis.call('GET', KEYS[2])
            local current = redis.call('HGET', KEYS[1], 'version')
            if holder ~= ARGV[1] and (holder or current ~= ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[3], 'json', ARGV[4])
            redis.call('ZREM', KEYS[3], ARGV[5])
            redis.call('RPUSH', KEYS[4], ARGV[6])
            if holder == ARGV[1] then redis.call('DEL', KEYS[2]) end
            return 1
            """, Long.class);

    /** KEYS: claim. ARGV: token. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    BulletinStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    void create(Bulletin bulletin) {
        call(() -> redis.execute(
                CREATE,
                List.of(key(bulletin.id()), INDEX),
                Long.toString(bulletin.version()),
                json.writeValueAsString(bulletin),
                bulletin.id(),
                Long.toString(bulletin.createdAt().toEpochMilli())));
    }

    /** Replaces the bulletin of version {@code expectedVersion} with {@code after}; refuses a stale version. */
    void replace(long expectedVersion, Bulletin after) {
        Long done = call(() -> redis.execute(
                REPLACE,
                List.of(key(after.id()), claimKey(after.id()), SCHEDULED),
                Long.toString(expectedVersion),
                Long.toString(after.version()),
                json.writeValueAsString(after),
                after.id(),
                after.publishAt() == null ? "" : Long.toString(after.publishAt().toEpochMilli())));
        answer(done, after.id());
    }

    /**
     * Claims the bulletin for publication for {@code millis}, when it still has {@code expectedVersion} (null:
     * any). Returns false when someone else holds it.
     */
    public boolean claim(String id, Long expectedVersion, String token, long millis) {
        Long done = call(() -> redis.execute(
                CLAIM,
                List.of(key(id), claimKey(id)),
                expectedVersion == null ? "" : Long.toString(expectedVersion),
                token,
                Long.toString(millis)));
        if (done != null && done == -1) {
            return false;
        }
        answer(done, id);
        return true;
    }

    /**
     * Stores {@code after}, just published, and its revision record, ending the claim. Returns false when another
     * publisher took the claim over meanwhile (then it stores the outcome).
     */
    public boolean complete(long claimedVersion, Bulletin after, String token, String revisionJson) {
        Long done = call(() -> redis.execute(
                COMPLETE,
                List.of(key(after.id()), claimKey(after.id()), SCHEDULED, revisionsKey(after.id())),
                token,
                Long.toString(claimedVersion),
                Long.toString(after.version()),
                json.writeValueAsString(after),
                after.id(),
                revisionJson));
        return done != null && done == 1;
    }

    /** Gives up a claim, leaving the bulletin as it was. */
    public void release(String id, String token) {
        call(() -> redis.execute(RELEASE, List.of(claimKey(id)), token));
    }

    public Optional<Bulletin> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Object found = call(() -> redis.opsForHash().get(key(id), "json"));
        return Optional.ofNullable(found).map(text -> json.readValue((String) text, Bulletin.class));
    }

    /** The bulletin, or a 404. */
    public Bulletin get(String id) {
        return find(id).orElseThrow(() -> new BulletinRefusal.NotFound("No bulletin " + id + "."));
    }

    /** The newest bulletins first. */
    List<Bulletin> newest(int limit) {
        Set<String> ids = call(() -> redis.opsForZSet().reverseRange(INDEX, 0, limit - 1L));
        List<Bulletin> bulletins = new ArrayList<>();
        for (String id : Objects.requireNonNullElse(ids, Set.<String>of())) {
            find(id).ifPresent(bulletins::add);
        }
        return bulletins;
    }

    /** Ids of scheduled bulletins due at {@code epochMillis}, the earliest first. */
    public List<String> due(long epochMillis, int limit) {
        Set<String> ids = call(() -> redis.opsForZSet().rangeByScore(SCHEDULED, 0, epochMillis, 0, limit));
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** The published revisions' records (JSON), oldest first. */
    public List<String> revisions(String id) {
        List<String> found = call(() -> redis.opsForList().range(revisionsKey(id), 0, -1));
        return found == null ? List.of() : found;
    }

    private static void answer(Long done, String id) {
        long code = done == null ? -2 : done;
        if (code == -2) {
            throw new BulletinRefusal.NotFound("No bulletin " + id + ".");
        }
        if (code == -1) {
            throw new BulletinRefusal.Conflict(null, "The bulletin is being published; reload it and try again.");
        }
        if (code == 0) {
            throw new BulletinRefusal.Stale(
                    "The bulletin changed since the version in If-Match; reload it and apply the change again.");
        }
    }

    private static String key(String id) {
        return PREFIX + "b:" + id;
    }

    private static String claimKey(String id) {
        return PREFIX + "claim:" + id;
    }

    private static String revisionsKey(String id) {
        return PREFIX + "revisions:" + id;
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisConnectionFailureException | QueryTimeoutException e) {
            throw new BulletinRefusal.Unavailable("The bulletin store did not answer; nothing was changed. Try again.");
        }
    }
}
