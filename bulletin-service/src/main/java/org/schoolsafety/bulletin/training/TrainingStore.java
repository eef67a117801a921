package org.schoolsafety.bulletin.training;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calendar in Redis, one hash {@code bulletin-trainings:all} from id to training. A state's calendar holds a few
 * hundred trainings a year, so reading it whole and filtering in the service is simpler than keeping indexes.
 */
@Component
class TrainingStore {

    static final String KEY = "bulletin-trainings:all";
    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    TrainingStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    void put(Training training) {
        redis(() -> {
            redis.opsForHash().put(KEY, training.id(), json.writeValueAsString(training));
            return null;
        });
    }

    /** Replaces a training only if it is there (a delete that came first wins); says whether it was. */
    boolean replace(Training training) {
        Long replaced =
                redis(() -> redis.execute(REPLACE, List.of(KEY), training.id(), json.writeValueAsString(training)));
        return replaced != null && replaced == 1L;
    }

    boolean delete(String id) {
        return redis(() -> redis.opsForHash().delete(KEY, id) > 0);
    }

    Optional<Training> find(String id) {
        return redis(
                () -> Optional.ofNullable(redis.<String, String>opsForHash().get(KEY, id))
                        .map(this::read));
    }

    List<Training> all() {
        return redis(() -> redis.<String, String>opsForHash().values(KEY).stream()
                .map(this::read)
                .toList());
    }

    private Training read(String stored) {
        return json.readValue(stored, Training.class);
    }

    private static <T> T redis(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw new BulletinRefusal.Unavailable(
                    "The training calendar did not answer just now; nothing was changed.");
        }
    }
}
