package org.schoolsafety.delivery.quiet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bulk requests held for their delivery window, in Redis: {@value #DUE} is a sorted set of delivery ids scored by
 * when each is due (epoch ms), {@value #REQUESTS} a hash of each request (without its message) and the trace context
 * it came with. A message is kept once under its digest ({@code dlv:held:m:<sha-256>}): every request of one
 * bulletin shares it, rather than Redis holding its HTML once per recipient.
 *
 * <p>Holding the same delivery twice keeps one entry. Releasing claims due entries by moving their score forward by
 * the claim time, so one instance at a time releases them, and one that dies before it removes them leaves them
 * to be claimed again; an entry is removed only if it still has the claim's score (one held again since stays).
 */
@Component
class HeldRequests {

    static final String DUE = "dlv:held";
    static final String REQUESTS = "dlv:held:requests";
    static final String MESSAGE_PREFIX = "dlv:held:m:";

    /** A message outlives the latest release that needs it by this much. */
    static final Duration KEEP_MESSAGE = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(HeldRequests.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** KEYS: due, requests, message. ARGV: id, due ms, entry, message, message ttl ms. */
    private static final RedisScript<Long> HOLD = new DefaultRedisScript<>("""
            local ttl = tonumber(ARGV[5])
            if redis.call('EXISTS', KEYS[3]) == 0 then
              redis.call('SET', KEYS[3], ARGV[4], 'PX', ttl)
            elseif redis.call('PTTL', KEYS[3]) < ttl then
              redis.call('PEXPIRE', KEYS[3], ttl)
            end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            return 1
            """, Long.class);

    /** KEYS: due, requests. ARGV: now ms, batch, claimed-until ms. Returns id, entry, id, entry... */
    private static final RedisScript<List> CLAIM = new DefaultRedisScript<>("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local claimed = {}
            for _, id in ipairs(due) do
              local entry = redis.call('HGET', KEYS[2], id)
              if entry then
                redis.call('ZADD', KEYS[1], ARGV[3], id)
                table.insert(claimed, id)
                table.insert(claimed, entry)
              else
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return claimed
            """, List.class);

    /** KEYS: due, requests. ARGV: claimed-until ms, ids... Removes the ids still scored as claimed. */
    private static final RedisScript<Long> REMOVE = new DefaultRedisScript<>("""
            local removed = 0
            for i = 2, #ARGV do
              local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
              if score and tonumber(score) == tonumber(ARGV[1]) then
                redis.call('ZREM', KEYS[1], ARGV[i])
                redis.call('HDEL', KEYS[2], ARGV[i])
                removed = removed + 1
              end
            end
            return removed
            """, Long.class);

    /** A held request as it is released: the request and the {@code traceparent} it came with, if any. */
    record Held(DeliveryRequested request, String traceparent) {}

    /** Due held requests claimed until {@code claimedUntil}; {@link #remove} them once they are back on the lane. */
    record Claim(List<Held> requests, Instant claimedUntil) {}

    private final StringRedisTemplate redis;

    HeldRequests(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Holds the request until {@code dueAt}; Redis has it when this returns. */
    void hold(DeliveryRequested request, String traceparent, Instant dueAt, Instant now) {
        String message = JSON.writeValueAsString(request.message());
        ObjectNode entry = (ObjectNode) JSON.valueToTree(request);
        entry.remove("message");
        String messageKey = MESSAGE_PREFIX + digest(message);
        entry.put("messageKey", messageKey);
        if (traceparent != null) {
            entry.put("traceparent", traceparent);
        }
        long ttl = Math.max(0, Duration.between(now, dueAt).toMillis()) + KEEP_MESSAGE.toMillis();
        redis.execute(
                HOLD,
                List.of(DUE, REQUESTS, messageKey),
                request.deliveryId(),
                Long.toString(dueAt.toEpochMilli()),
                JSON.writeValueAsString(entry),
                message,
                Long.toString(ttl));
    }

    /** Claims up to {@code batch} requests due at {@code now}, for {@code claimFor}. */
    Claim claimDue(Instant now, int batch, Duration claimFor) {
        Instant claimedUntil = now.plus(claimFor);
        List<?> answer = redis.execute(
                CLAIM,
                List.of(DUE, REQUESTS),
                Long.toString(now.toEpochMilli()),
                Integer.toString(batch),
                Long.toString(claimedUntil.toEpochMilli()));
        List<ObjectNode> entries = new ArrayList<>();
        Set<String> messageKeys = new LinkedHashSet<>();
        for (int i = 0; answer != null && i + 1 < answer.size(); i += 2) {
            ObjectNode entry = (ObjectNode) JSON.readTree(String.valueOf(answer.get(i + 1)));
            entries.add(entry);
            messageKeys.add(entry.get("messageKey").asString());
        }
        List<String> keys = List.copyOf(messageKeys);
        List<String> values = keys.isEmpty() ? List.of() : redis.opsForValue().multiGet(keys);
        Map<String, String> messages = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values != null && values.get(i) != null) {
                messages.put(keys.get(i), values.get(i));
            }
        }
        List<Held> held = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (ObjectNode entry : entries) {
            String message = messages.get(entry.remove("messageKey").asString());
            JsonNode traceparent = entry.remove("traceparent");
            if (message == null) {
                // kept a week past its release: only a release stuck that long loses it
                lost.add(entry.get("deliveryId").asString());
                continue;
            }
            entry.set("message", JSON.readTree(message));
            held.add(new Held(
                    JSON.treeToValue(entry, DeliveryRequested.class),
                    traceparent == null ? null : traceparent.asString()));
        }
        Claim claim = new Claim(held, claimedUntil);
        if (!lost.isEmpty()) {
            log.error("held deliveries {} lost their message (kept {} past release); dropped", lost, KEEP_MESSAGE);
            remove(claim, lost);
        }
        return claim;
    }

    /** Removes claimed requests that are back on their lane, unless one was held again since. */
    void remove(Claim claim, List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(Long.toString(claim.claimedUntil().toEpochMilli()));
        args.addAll(deliveryIds);
        redis.execute(REMOVE, List.of(DUE, REQUESTS), args.toArray());
    }

    /** How many requests are held. */
    long count() {
        Long count = redis.opsForZSet().zCard(DUE);
        return count == null ? 0 : count;
    }

    /** {@link #count()}, or NaN when Redis does not answer (for a gauge). */
    static double countQuietly(HeldRequests held) {
        try {
            return held.count();
        } catch (RuntimeException redisDown) {
            return Double.NaN;
        }
    }

    private static String digest(String message) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
