package org.schoolsafety.alert.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.schoolsafety.events.vocabulary.Channel;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Delivery counts of each alert notification, in Redis: per kind (sent, delivered, failed, acknowledged) in
 * total, per channel, per organisation and per organisation and channel ({@code <organisation>|<kind>} and
 * {@code <organisation>|<kind>:<channel>} in the by-organisation hash). Each delivery counts once per kind
 * however often its outcome is redelivered (a set of delivery ids per kind guards the counters), so
 * at-least-once outcomes never inflate the figures. Also remembers, per delivery, its notification, endpoint,
 * organisation and channel, so that an acknowledgement link, which names only the delivery, can be traced to
 * where it came from.
 */
@Component
public class StatusStore {

    /**
     * Alert notifications are {@code <alert id>-m<message number>}, and escalations
     * {@code <alert id>-e<step>-<organisation id>}; outcomes of anything else are not ours.
     */
    public static final Pattern ALERT_NOTIFICATION =
            Pattern.compile("([a-z2-9]{12})-(?:m\\d{1,4}|e[12]-[a-z0-9-]{1,100})");

    private static final String PREFIX = "ssn:status:";
    private static final long KEEP_SECONDS = Duration.ofDays(30).toSeconds();

    /** KEYS: seen set, counts hash, by-organisation hash. ARGV: delivery id, kind, channel, organisation, ttl. */
    private static final RedisScript<Long> COUNT_ONCE = RedisScript.of("""
            if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
            redis.call('HINCRBY', KEYS[2], ARGV[2] .. ':' .. ARGV[3], 1)
            redis.call('HINCRBY', KEYS[3], ARGV[4] .. '|' .. ARGV[2], 1)
            redis.call('HINCRBY', KEYS[3], ARGV[4] .. '|' .. ARGV[2] .. ':' .. ARGV[3], 1)
            for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[5]) end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    StatusStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** What kind of fact an outcome is, for counting. */
    enum Kind {
        SENT,
        DELIVERED,
        FAILED,
        ACKNOWLEDGED;

        String field() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One counted fact: a delivery of a notification reached this kind. */
    record Fact(String notificationId, String deliveryId, Kind kind, Channel channel, String organisationId) {}

    /** A delivery as its outcomes describe it. */
    public record Delivery(
            String deliveryId, String notificationId, String endpointId, String organisationId, Channel channel) {}

    /** Counts every fact of a batch once, in one round trip. */
    void count(List<Fact> facts, List<Delivery> deliveries) {
        if (facts.isEmpty() && deliveries.isEmpty()) {
            return;
        }
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Delivery delivery : deliveries) {
                connection
                        .stringCommands()
                        .setEx(
                                bytes(PREFIX + "delivery:" + delivery.deliveryId()),
                                KEEP_SECONDS,
                                bytes(String.join(
                                        " ",
                                        delivery.notificationId(),
                                        delivery.endpointId(),
                                        delivery.organisationId(),
                                        delivery.channel().name())));
            }
            for (Fact fact : facts) {
                if (fact.kind() == Kind.ACKNOWLEDGED) {
                    String alert = PREFIX + "alert:" + alertOf(fact.notificationId()) + ":";
                    connection
                            .scriptingCommands()
                            .eval(
                                    bytes(ACK_ONCE.getScriptAsString()),
                                    org.springframework.data.redis.connection.ReturnType.INTEGER,
                                    2,
                                    bytes(alert + "ackseen"),
                                    bytes(alert + "acked"),
                                    bytes(fact.deliveryId()),
                                    bytes(fact.organisationId()),
                                    bytes(Long.toString(KEEP_SECONDS)));
                }
                String base = PREFIX + fact.notificationId() + ":";
                connection
                        .scriptingCommands()
                        .eval(
                                bytes(COUNT_ONCE.getScriptAsString()),
                                org.springframework.data.redis.connection.ReturnType.INTEGER,
                                3,
                                bytes(base + "seen:" + fact.kind().field()),
                                bytes(base + "counts"),
                                bytes(base + "byorg"),
                                bytes(fact.deliveryId()),
                                bytes(fact.kind().field()),
                                bytes(
                                        fact.channel() == null
                                                ? "unknown"
                                                : fact.channel().name().toLowerCase(java.util.Locale.ROOT)),
                                bytes(fact.organisationId()),
                                bytes(Long.toString(KEEP_SECONDS)));
            }
            return null;
        });
    }

    /** KEYS: seen set, acked hash. ARGV: delivery id, organisation, ttl. */
    private static final RedisScript<Long> ACK_ONCE = RedisScript.of("""
            if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            return 1
            """, Long.class);

    /** The organisations of an alert whose people acknowledged any of its messages or escalations, with counts. */
    public Map<String, Long> acknowledgedOrganisations(String alertId) {
        return numbers(redis.opsForHash().entries(PREFIX + "alert:" + alertId + ":acked"));
    }

    /** The organisations a notification's deliveries were sent to (the channel accepted at least one). */
    public java.util.Set<String> reached(String notificationId) {
        java.util.Set<String> organisations = new java.util.HashSet<>();
        redis.opsForHash().keys(PREFIX + notificationId + ":byorg").forEach(field -> {
            String text = field.toString();
            if (text.endsWith("|sent")) {
                organisations.add(text.substring(0, text.length() - "|sent".length()));
            }
        });
        return organisations;
    }

    /** What subscription-service expanded a notification to: the denominator. */
    void expected(String notificationId, int total, int email, int sms, int webhook) {
        redis.opsForHash()
                .putAll(
                        PREFIX + notificationId + ":expected",
                        Map.of(
                                "total", Integer.toString(total),
                                "email", Integer.toString(email),
                                "sms", Integer.toString(sms),
                                "webhook", Integer.toString(webhook)));
        redis.expire(PREFIX + notificationId + ":expected", Duration.ofSeconds(KEEP_SECONDS));
    }

    public Optional<Delivery> delivery(String deliveryId) {
        String found = redis.opsForValue().get(PREFIX + "delivery:" + deliveryId);
        if (found == null) {
            return Optional.empty();
        }
        String[] parts = found.split(" ");
        return Optional.of(new Delivery(deliveryId, parts[0], parts[1], parts[2], Channel.valueOf(parts[3])));
    }

    /** The counters of one notification: expected, counts, and by organisation. */
    record Counters(Map<String, Long> expected, Map<String, Long> counts, Map<String, Long> byOrganisation) {}

    Counters counters(String notificationId) {
        String base = PREFIX + notificationId + ":";
        List<Object> hashes = redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.hashCommands().hGetAll(bytes(base + "expected"));
            connection.hashCommands().hGetAll(bytes(base + "counts"));
            connection.hashCommands().hGetAll(bytes(base + "byorg"));
            return null;
        });
        return new Counters(numbers(hashes.get(0)), numbers(hashes.get(1)), numbers(hashes.get(2)));
    }

    private static Map<String, Long> numbers(Object hash) {
        Map<String, Long> numbers = new HashMap<>();
        if (hash instanceof Map<?, ?> map) {
            map.forEach((key, value) -> numbers.put(key.toString(), Long.parseLong(value.toString())));
        }
        return numbers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The alert id of one of its notifications. */
    public static String alertOf(String notificationId) {
        java.util.regex.Matcher matcher = ALERT_NOTIFICATION.matcher(notificationId);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an alert notification: " + notificationId);
        }
        return matcher.group(1);
    }
}
