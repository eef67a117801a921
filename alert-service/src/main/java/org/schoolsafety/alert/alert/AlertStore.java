package org.schoolsafety.alert.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.schoolsafety.alert.AlertConflict;
import org.schoolsafety.alert.AlertUnavailable;
import org.schoolsafety.alert.AlertUnprocessable;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts in Redis, each a hash of its revision and its JSON. Every change is a compare-and-set on the revision,
 * so two people acting on one alert at once never both win; creation with an {@code Idempotency-Key} is one
 * script, so a retried request never makes two alerts.
 */
@Component
class AlertStore {

    private static final String PREFIX = "ssn:alert:";
    private static final String INDEX = PREFIX + "index";
    private static final long IDEMPOTENCY_SECONDS = 24 * 3600;

    /** KEYS: alert, idempotency (or the alert again), index. ARGV: id, request hash, rev, json, score. */
    private static final RedisScript<String> CREATE = RedisScript.of("""
            if KEYS[2] ~= KEYS[1] then
              local seen = redis.call('GET', KEYS[2])
              if seen then return seen end
              redis.call('SET', KEYS[2], ARGV[1] .. ' ' .. ARGV[2], 'EX', ARGV[6])
            end
            redis.call('HSET', KEYS[1], 'rev', ARGV[3], 'json', ARGV[4])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
            return ARGV[1] .. ' ' .. ARGV[2]
            """, String.class);

    /** KEYS: alert. ARGV: expected rev, new rev, json. */
    private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'json', ARGV[3])
            return 1
            """, Long.class);

    /** KEYS: alert, identifier. ARGV: expected rev, new rev, json, alert id. */
    private static final RedisScript<Long> COMPARE_AND_SET_PUBLISHED = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'json', ARGV[3])
            redis.call('SET', KEYS[2], ARGV[4])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    AlertStore(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * Stores a new alert, unless the caller already created one with this idempotency key: then that one's id.
     * The same key with a different request is a 422.
     */
    String create(Alert alert, String idempotencyKey, String requestBody) {
        String hash = sha256(requestBody);
        String alertKey = PREFIX + alert.id();
        String idemKey =
                idempotencyKey == null ? alertKey : PREFIX + "idem:" + sha256(alert.author() + "\n" + idempotencyKey);
        String answer = call(() -> redis.execute(
                CREATE,
                List.of(alertKey, idemKey, INDEX),
                alert.id(),
                hash,
                Long.toString(alert.revision()),
                json.writeValueAsString(alert),
                Long.toString(alert.createdAt().toEpochMilli()),
                Long.toString(IDEMPOTENCY_SECONDS)));
        String[] parts = Objects.requireNonNull(answer).split(" ", 2);
        if (!parts[1].equals(hash)) {
            throw new AlertUnprocessable(
                    "Idempotency-Key", "This Idempotency-Key was already used for a different alert.");
        }
        return parts[0];
    }

    /** Replaces {@code before} with {@code after}, unless someone changed it in between: then a 409. */
    void replace(Alert before, Alert after) {
        Long done = call(() -> redis.execute(
                COMPARE_AND_SET,
                List.of(PREFIX + after.id()),
                Long.toString(before.revision()),
                Long.toString(after.revision()),
                json.writeValueAsString(after)));
        if (done == null || done != 1) {
            throw new AlertConflict(null, "The alert changed while this request was made; reload it and try again.");
        }
    }

    /**
     * Replaces {@code before} with {@code after}, whose message {@code identifier} has just been published, and
     * remembers which alert that CAP identifier belongs to ({@link #alertOfIdentifier}): one round trip, as the
     * last step before an issuing call answers. Someone else's change in between is a 409, and then the identifier
     * is not written either.
     */
    void replacePublished(Alert before, Alert after, String identifier) {
        Long done = call(() -> redis.execute(
                COMPARE_AND_SET_PUBLISHED,
                List.of(PREFIX + after.id(), identifierKey(identifier)),
                Long.toString(before.revision()),
                Long.toString(after.revision()),
                json.writeValueAsString(after),
                after.id()));
        if (done == null || done != 1) {
            throw new AlertConflict(null, "The alert changed while this request was made; reload it and try again.");
        }
    }

    Optional<Alert> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Object found = call(() -> redis.opsForHash().get(PREFIX + id, "json"));
        return Optional.ofNullable(found).map(text -> json.readValue((String) text, Alert.class));
    }

    /** The newest alerts first. */
    List<Alert> newest(int limit) {
        List<String> ids = call(() -> new ArrayList<>(Objects.requireNonNullElse(
                redis.opsForZSet().reverseRange(INDEX, 0, limit - 1L), java.util.Set.<String>of())));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> found = call(() ->
                redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                    for (String id : ids) {
                        connection.hashCommands().hGet(bytes(PREFIX + id), bytes("json"));
                    }
                    return null;
                }));
        List<Alert> alerts = new ArrayList<>();
        for (Object text : found) {
            if (text != null) {
                alerts.add(json.readValue(text.toString(), Alert.class));
            }
        }
        return alerts;
    }

    /** Remembers which alert a CAP identifier belongs to, so CAP updates and cancels can name it. */
    void rememberIdentifier(String identifier, String alertId) {
        call(() -> {
            redis.opsForValue().set(identifierKey(identifier), alertId);
            return null;
        });
    }

    Optional<String> alertOfIdentifier(String identifier) {
        return Optional.ofNullable(call(() -> redis.opsForValue().get(identifierKey(identifier))));
    }

    private static String identifierKey(String identifier) {
        return PREFIX + "ident:" + identifier;
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisConnectionFailureException | org.springframework.dao.QueryTimeoutException e) {
            throw new AlertUnavailable("The alert store did not answer; nothing was changed. Try again.");
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
