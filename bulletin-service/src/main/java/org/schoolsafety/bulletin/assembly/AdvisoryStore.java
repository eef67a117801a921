package org.schoolsafety.bulletin.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The advisories a weekly draft may list, in Redis under {@code bulletin-assembly:}: each as JSON in a hash, and
 * its id in a set ordered by publication time. Only TLP:CLEAR and TLP:GREEN ones ever get here.
 */
@Component
class AdvisoryStore {

    private static final String PREFIX = "bulletin-assembly:";
    private static final String BY_TIME = PREFIX + "advisories";
    private static final String CONTENT = PREFIX + "advisory";
    /** Long enough for any gap between two published bulletins; older ones are never listed again. */
    private static final Duration KEEP = Duration.ofDays(90);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    AdvisoryStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Keeps the advisory (a replay stores it again, unchanged) and forgets those too old to be listed. */
    void keep(AdvisoryPublished advisory) {
        redis.opsForHash().put(CONTENT, advisory.advisoryId(), json.writeValueAsString(advisory));
        redis.opsForZSet()
                .add(BY_TIME, advisory.advisoryId(), advisory.publishedAt().toEpochMilli());
        forgetBefore(advisory.publishedAt().minus(KEEP));
    }

    /** The advisories published at or after {@code from} and before {@code to}, earliest first. */
    List<AdvisoryPublished> between(Instant from, Instant to) {
        Set<String> ids = redis.opsForZSet().rangeByScore(BY_TIME, from.toEpochMilli(), to.toEpochMilli() - 1);
        List<AdvisoryPublished> found = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            return found;
        }
        for (Object text : redis.opsForHash().multiGet(CONTENT, List.copyOf(ids))) {
            if (text != null) {
                found.add(json.readValue((String) text, AdvisoryPublished.class));
            }
        }
        return found;
    }

    private void forgetBefore(Instant cutoff) {
        Set<String> old = redis.opsForZSet().rangeByScore(BY_TIME, 0, cutoff.toEpochMilli() - 1);
        if (old != null && !old.isEmpty()) {
            redis.opsForHash().delete(CONTENT, old.toArray());
            redis.opsForZSet().remove(BY_TIME, old.toArray());
        }
    }
}
