package org.schoolsafety.delivery.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.delivery.DeliveryMetrics;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.Channel;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.notification.Feed;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.stereotype.Component;

/**
 * Delivers webhook requests from both lanes, each lane in a consumer group of its own (a channel's groups only
 * act on their channel, so adding a channel later starts its own groups from the oldest retained request):
 * <ul>
 *   <li>the endpoint's current signing secrets sign {@code webhook-id} (the delivery id, the same on every
 *       attempt), {@code webhook-timestamp} and the body;
 *   <li>a 2xx is success: the outcome is published, then the delivery id is recorded in Redis for seven days, so
 *       a redelivered request is not sent again. A crash between the two may send once more, with the same
 *       {@code webhook-id}, for the receiver to drop;
 *   <li>4xx other than 408 and 429, an address that is now private, and a removed or unverified endpoint are
 *       permanent failures; anything else fails this attempt, is published as such, and goes to the lane's retry
 *       topics ({@code <lane>-webhook-retry-N}), which hold it back for an exponential, jittered delay without
 *       holding up the requests behind it: urgent after 1, 2, 4, 8, 16 s; bulk after 30 s, doubling up to 10 min
 *       ({@code ssn.delivery.urgent.*}, {@code ssn.delivery.bulk.*}). After the last attempt the request goes to
 *       the lane's dead-letter topic and a permanent failure is published.
 * </ul>
 * No address or URL reaches the log: endpoints are named by id. {@code ssn.delivery.webhooks.enabled=false} leaves
 * the requests on the lanes (a benchmark of audience expansion runs without deliveries competing for the CPU).
 */
@Component
class WebhookDeliveries {

    static final Duration REMEMBER_SENT = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final EndpointDirectory directory;
    private final WebhookClient client;
    private final EventPublisher publisher;
    private final StringRedisTemplate redis;
    private final Clock clock = Clock.systemUTC();

    private final DeliveryMetrics metrics;

    WebhookDeliveries(
            EndpointDirectory directory,
            WebhookClient client,
            EventPublisher publisher,
            StringRedisTemplate redis,
            DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.directory = directory;
        this.client = client;
        this.publisher = publisher;
        this.redis = redis;
    }

    /** This attempt failed and may be retried. */
    static final class AttemptFailed extends RuntimeException {
        AttemptFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    @RetryableTopic(
            attempts = "${ssn.delivery.urgent.attempts:6}",
            backOff =
                    @BackOff(
                            delayString = "${ssn.delivery.urgent.first-retry-ms:1000}",
                            multiplier = 2.0,
                            maxDelayString = "${ssn.delivery.urgent.max-retry-ms:30000}",
                            jitterString = "${ssn.delivery.urgent.jitter-ms:250}"),
            numPartitions = "12",
            retryTopicSuffix = "-webhook-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.webhooks.enabled:true}")
    @KafkaListener(
            id = "webhooks-urgent",
            groupId = "delivery-webhooks-urgent",
            topics = "delivery-requests-urgent",
            concurrency = "${ssn.delivery.urgent-consumers:4}",
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.webhooks.enabled:true}")
    void urgent(ConsumerRecord<String, Object> record) {
        on(record);
    }

    @RetryableTopic(
            attempts = "${ssn.delivery.bulk.attempts:6}",
            backOff =
                    @BackOff(
                            delayString = "${ssn.delivery.bulk.first-retry-ms:30000}",
                            multiplier = 2.0,
                            maxDelayString = "${ssn.delivery.bulk.max-retry-ms:600000}",
                            jitterString = "${ssn.delivery.bulk.jitter-ms:5000}"),
            numPartitions = "12",
            retryTopicSuffix = "-webhook-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.webhooks.enabled:true}")
    @KafkaListener(
            id = "webhooks-bulk",
            groupId = "delivery-webhooks-bulk",
            topics = "delivery-requests-bulk",
            concurrency = "${ssn.delivery.bulk-consumers:2}",
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.webhooks.enabled:true}")
    void bulk(ConsumerRecord<String, Object> record) {
        on(record);
    }

    /** The last attempt failed: the request is on the lane's dead-letter topic, and the delivery has failed. */
    @DltHandler
    void gaveUp(ConsumerRecord<String, Object> record) {
        if (record.value() instanceof DeliveryRequested request && request.channel() == Channel.WEBHOOK) {
            int attempts = attempt(record) - 1;
            metrics.deadLetter(Channel.WEBHOOK, request.lane());
            fail(request, attempts, "gave up after " + attempts + " attempts", true);
        }
    }

    private void on(ConsumerRecord<String, Object> record) {
        if (record.value() instanceof DeliveryRequested request && request.channel() == Channel.WEBHOOK) {
            deliver(request, attempt(record));
        }
    }

    void deliver(DeliveryRequested request, int attempt) {
        if (alreadySent(request.deliveryId())) {
            log.info("delivery {} to {} was sent before; not again", request.deliveryId(), request.endpointId());
            return;
        }
        EndpointChanged endpoint = directory.get(request.endpointId()).orElse(null);
        if (endpoint == null || endpoint.removed()) {
            fail(request, attempt, "endpoint removed", true);
            return;
        }
        if (!endpoint.verified() && request.feed() != Feed.VERIFICATION) {
            fail(request, attempt, "endpoint not verified", true);
            return;
        }
        Instant now = Instant.now(clock);
        List<String> secrets = endpoint.secrets().stream()
                .filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(WebhookSecret::secret)
                .toList();
        if (secrets.isEmpty()) {
            fail(request, attempt, "no signing secret", true);
            return;
        }
        byte[] body = WebhookPayload.json(request);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", request.deliveryId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(request.deliveryId(), timestamp, body, secrets));
        long began = System.nanoTime();
        WebhookClient.Result result;
        try (DeliveryMetrics.Call call = metrics.call(Channel.WEBHOOK)) {
            result = client.post(endpoint.address(), headers, body, ContentType.APPLICATION_JSON);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        long ms = took.toMillis();
        if (result.succeeded()) {
            metrics.attempt(Channel.WEBHOOK, request.lane(), DeliveryMetrics.Outcome.SUCCEEDED, took);
            publish(new DeliverySucceeded(
                    request.deliveryId(),
                    request.notificationId(),
                    request.endpointId(),
                    request.organisationId(),
                    Channel.WEBHOOK,
                    attempt,
                    Integer.toString(result.status()),
                    Instant.now(clock)));
            rememberSent(request.deliveryId());
            log.info(
                    "delivery {} to {} answered {} in {} ms (attempt {})",
                    request.deliveryId(),
                    request.endpointId(),
                    result.status(),
                    ms,
                    attempt);
            return;
        }
        String reason = result.status() == 410
                ? DeliveryFailed.GONE
                : result.status() == 0 ? result.failure() : "HTTP " + result.status();
        boolean permanent = result.blocked()
                || (result.status() >= 300
                        && result.status() < 500
                        && result.status() != 408
                        && result.status() != 429);
        log.info(
                "delivery {} to {} failed: {} in {} ms (attempt {}{})",
                request.deliveryId(),
                request.endpointId(),
                reason,
                ms,
                attempt,
                permanent ? ", permanent" : "");
        metrics.attempt(
                Channel.WEBHOOK,
                request.lane(),
                permanent ? DeliveryMetrics.Outcome.FAILED : DeliveryMetrics.Outcome.RETRYING,
                result.status() == 0 ? null : took);
        fail(request, attempt, reason, permanent);
        if (!permanent) {
            throw new AttemptFailed(reason);
        }
    }

    /** The failure outcome; a permanent one ends the delivery. */
    void fail(DeliveryRequested request, int attempt, String reason, boolean permanent) {
        publish(new DeliveryFailed(
                request.deliveryId(),
                request.notificationId(),
                request.endpointId(),
                request.organisationId(),
                Channel.WEBHOOK,
                attempt,
                reason,
                permanent,
                Instant.now(clock)));
    }

    private void publish(DeliveryOutcome outcome) {
        try {
            publisher
                    .publish(Topics.DELIVERY_OUTCOMES, outcome.endpointId(), outcome)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the attempt is retried; the receiver drops a repeat by its webhook-id
            throw new AttemptFailed("outcome not confirmed by the broker");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailed("interrupted");
        }
    }

    private boolean alreadySent(String deliveryId) {
        try {
            return Boolean.TRUE.equals(redis.hasKey(sentKey(deliveryId)));
        } catch (RuntimeException redisDown) {
            // at least once: better a repeat with the same webhook-id than an alert not sent
            log.warn("cannot check whether delivery {} was sent (Redis); sending", deliveryId);
            return false;
        }
    }

    private void rememberSent(String deliveryId) {
        try {
            redis.opsForValue().set(sentKey(deliveryId), "1", REMEMBER_SENT);
        } catch (RuntimeException redisDown) {
            log.warn("cannot record delivery {} as sent (Redis); a redelivery would repeat it", deliveryId);
        }
    }

    private static String sentKey(String deliveryId) {
        return "dlv:sent:" + deliveryId;
    }

    /** This attempt's number: 1, or what the retry topics counted (on the dead-letter topic: one past the last). */
    private static int attempt(ConsumerRecord<String, Object> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null) {
            return 1;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case 4 -> ByteBuffer.wrap(value).getInt();
            case 1 -> value[0];
            default -> Integer.parseInt(new String(value, StandardCharsets.UTF_8));
        };
    }
}
