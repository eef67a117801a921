package org.schoolsafety.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deliveries that have concluded, in Redis for {@value #DAYS} days: sent, or failed for good. Each is kept
 * with its request ({@code dlv:sent:<deliveryId>}), so that a redelivered request is not attempted again and a
 * replay can send it once more; failures are also indexed by notification and by endpoint
 * ({@code dlv:failed:n:<notificationId>}, {@code dlv:failed:e:<endpointId>}, sorted by when they failed) for
 * "every failed delivery of this notification or endpoint since then".
 */
@Component
public class Concluded {

    static final int DAYS = 7;
    static final Duration KEEP = Duration.ofDays(DAYS);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;

    Concluded(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Whether the delivery has concluded (Redis must answer; callers decide what its silence means). */
    public boolean has(String deliveryId) {
        return Boolean.TRUE.equals(redis.hasKey(key(deliveryId)));
    }

    /**
     * Records the delivery as concluded; a failure is indexed for replays. A success is one {@code SET} on the
     * shared connection: it is what nearly every delivery writes.
     */
    public void remember(DeliveryRequested request, boolean failed, Instant at) {
        String json = new String(JSON.writeValueAsBytes(request), StandardCharsets.UTF_8);
        if (!failed) {
            redis.opsForValue().set(key(request.deliveryId()), json, KEEP);
            return;
        }
        redis.executePipelined((RedisCallback<Object>) connection -> {
            connection
                    .stringCommands()
                    .set(
                            bytes(key(request.deliveryId())),
                            bytes(json),
                            Expiration.from(KEEP),
                            RedisStringCommands.SetOption.upsert());
            for (String index : List.of(byNotification(request.notificationId()), byEndpoint(request.endpointId()))) {
                connection.zSetCommands().zAdd(bytes(index), at.toEpochMilli(), bytes(request.deliveryId()));
                connection.keyCommands().expire(bytes(index), KEEP.toSeconds());
            }
            return null;
        });
    }

    /** The request of a concluded delivery. */
    public Optional<DeliveryRequested> request(String deliveryId) {
        String json = redis.opsForValue().get(key(deliveryId));
        return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, DeliveryRequested.class));
    }

    /** The failed deliveries of a notification since a time, oldest first. */
    public List<String> failedOfNotification(String notificationId, Instant since) {
        return failed(byNotification(notificationId), since);
    }

    /** The failed deliveries to an endpoint since a time, oldest first. */
    public List<String> failedOfEndpoint(String endpointId, Instant since) {
        return failed(byEndpoint(endpointId), since);
    }

    /** Forgets that the delivery concluded, so that its request is attempted again. */
    public void forget(DeliveryRequested request) {
        redis.delete(key(request.deliveryId()));
        redis.opsForZSet().remove(byNotification(request.notificationId()), request.deliveryId());
        redis.opsForZSet().remove(byEndpoint(request.endpointId()), request.deliveryId());
    }

    private List<String> failed(String index, Instant since) {
        var ids = redis.opsForZSet().rangeByScore(index, since.toEpochMilli(), Double.POSITIVE_INFINITY);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    private static String key(String deliveryId) {
        return "dlv:sent:" + deliveryId;
    }

    private static String byNotification(String notificationId) {
        return "dlv:failed:n:" + notificationId;
    }

    private static String byEndpoint(String endpointId) {
        return "dlv:failed:e:" + endpointId;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
