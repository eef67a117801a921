package org.schoolsafety.delivery.sms;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which delivery a provider's message id belongs to, so that a status callback, which names only the message,
 * becomes a receipt of the delivery: {@code sms:sid:<sid>} holds
 * {@code deliveryId|notificationId|endpointId|organisationId} (each part URL-encoded, so an id with a bar in it
 * cannot shift the others) for {@code ssn.delivery.sms.remember-messages}, seven days by default; providers report within
 * hours, and a later report is dropped.
 */
@Component
class SentMessages {

    /** The delivery a message belongs to. */
    record Sent(String deliveryId, String notificationId, String endpointId, String organisationId) {}

    static final String KEY_PREFIX = "sms:sid:";

    private static final Pattern BAR = Pattern.compile("\\|");

    private final StringRedisTemplate redis;
    private final Duration remember;

    SentMessages(StringRedisTemplate redis, SmsSettings properties) {
        this.redis = redis;
        this.remember = properties.rememberMessages();
    }

    /** Records that the provider took {@code request} as message {@code sid}; throws if Redis is unavailable. */
    void remember(String sid, DeliveryRequested request) {
        String value = String.join(
                "|",
                encode(request.deliveryId()),
                encode(request.notificationId()),
                encode(request.endpointId()),
                encode(request.organisationId()));
        redis.opsForValue().set(KEY_PREFIX + sid, value, remember);
    }

    /** The delivery of message {@code sid}, if it was ours and is recent; throws if Redis is unavailable. */
    Optional<Sent> find(String sid) {
        String value = redis.opsForValue().get(KEY_PREFIX + sid);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = BAR.split(value, -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        return Optional.of(new Sent(decode(parts[0]), decode(parts[1]), decode(parts[2]), decode(parts[3])));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
