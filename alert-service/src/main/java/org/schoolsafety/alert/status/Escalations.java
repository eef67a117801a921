package org.schoolsafety.alert.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The escalation steps taken for each alert, in Redis: one field per organisation and step, set only if absent,
 * so that two instances watching at once never escalate the same school twice. The escalation watch takes the
 * steps; the status report shows them.
 */
@Component
public class Escalations {

    private static final String PREFIX = "ssn:alert:escalations:";
    private static final Duration KEEP = Duration.ofDays(30);

    /** The steps, in order. */
    public enum Step {
        /** The school's own SMS numbers are told again. */
        SCHOOL,
        /** The school's district office is told. */
        DISTRICT
    }

    /** One step taken: for which organisation, which step, when. */
    record Escalation(String organisationId, Step step, Instant at) {}

    private final StringRedisTemplate redis;

    Escalations(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Claims a step for an organisation; false if it was already taken (here or by another instance). */
    public boolean claim(String alertId, String organisationId, Step step, Instant at) {
        String key = PREFIX + alertId;
        boolean claimed =
                Boolean.TRUE.equals(redis.opsForHash().putIfAbsent(key, organisationId + "|" + step, at.toString()));
        if (claimed) {
            redis.expire(key, KEEP);
        }
        return claimed;
    }

    /** Gives a claimed step back when it could not be sent, so the next look tries again. */
    public void release(String alertId, String organisationId, Step step) {
        redis.opsForHash().delete(PREFIX + alertId, organisationId + "|" + step);
    }

    List<Escalation> of(String alertId) {
        List<Escalation> steps = new ArrayList<>();
        redis.opsForHash().entries(PREFIX + alertId).forEach((field, at) -> {
            String text = field.toString();
            int bar = text.lastIndexOf('|');
            steps.add(new Escalation(
                    text.substring(0, bar), Step.valueOf(text.substring(bar + 1)), Instant.parse(at.toString())));
        });
        steps.sort(Comparator.comparing(Escalation::at).thenComparing(Escalation::organisationId));
        return steps;
    }
}
