package org.schoolsafety.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Deliveries;
import org.schoolsafety.delivery.DeliveryConfiguration;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.vocabulary.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.stereotype.Component;

/**
 * Delivers webhook requests from both lanes, each lane in a consumer group of its own (a channel's groups only
 * act on their channel, so adding a channel later starts its own groups from the oldest retained request):
 * <ul>
 *   <li>the body is the JSON event ({@link WebhookPayload}), or, for an endpoint that chose CAP and a message that
 *       is a CAP alert, its CAP 1.2 XML as {@code application/cap+xml};
 *   <li>the endpoint's current signing secrets sign {@code webhook-id} (the delivery id, the same on every
 *       attempt), {@code webhook-timestamp} and the body;
 *   <li>a 2xx is success. 4xx other than 408 and 429, and an address that is now private, are permanent failures
 *       (410 Gone, with the reason {@link DeliveryFailed#GONE}, also disables the endpoint); anything else fails
 *       this attempt, and the lane's retry topics ({@code <lane>-webhook-retry-N}) hold it back for an
 *       exponential, jittered delay without holding up the requests behind it: urgent after 1, 2, 4, 8, 16 s;
 *       bulk after 30 s, doubling up to 10 min ({@code ssn.delivery.urgent.*}, {@code ssn.delivery.bulk.*}).
 *       After the last attempt the request goes to the lane's dead-letter topic and a permanent failure is
 *       published. A {@code Retry-After} holds the endpoint's next call back ({@code EndpointGate}).
 * </ul>
 * Each request is delivered on a virtual thread of its own ({@link Deliveries#deliverConcurrently}): many
 * receivers are called at once, an endpoint's requests one after the other, and a record's offset is committed
 * once its delivery has concluded or the broker has confirmed it on its next retry topic. The retry and
 * dead-letter topics carry failures only: one consumer each ({@code ssn.delivery.retry-consumers}), whose requests
 * are delivered concurrently all the same. Idempotency, outcomes
 * and isolation are {@link Deliveries}'. {@code ssn.delivery.webhooks.enabled=false}
 * leaves the requests on the lanes (a benchmark of audience expansion runs without deliveries competing for the
 * CPU).
 */
@Component
class WebhookDeliveries implements Sender {

    /** The lanes' listener ids, which also key their retry topics' destinations ({@link Deliveries#deliverConcurrently}). */
    static final String URGENT_LISTENER = "webhooks-urgent";

    static final String BULK_LISTENER = "webhooks-bulk";

    /** CAP 1.2's media type. */
    static final ContentType CAP_XML = ContentType.create("application/cap+xml", StandardCharsets.UTF_8);

    private final Deliveries deliveries;
    private final WebhookClient client;
    private final int concurrentAttempts;
    private final Clock clock = Clock.systemUTC();

    WebhookDeliveries(
            Deliveries deliveries,
            WebhookClient client,
            @Value("${ssn.delivery.webhooks.under-way-per-lane:64}") int concurrentAttempts) {
        this.deliveries = deliveries;
        this.client = client;
        this.concurrentAttempts = concurrentAttempts;
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
            topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
            sameIntervalTopicReuseStrategy = SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
            concurrency = "${ssn.delivery.retry-consumers:1}",
            retryTopicSuffix = "-webhook-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.webhooks.enabled:true}")
    @KafkaListener(
            id = URGENT_LISTENER,
            groupId = "delivery-webhooks-urgent",
            topics = "delivery-requests-urgent",
            concurrency = "${ssn.delivery.urgent-consumers:4}",
            containerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.webhooks.enabled:true}")
    CompletableFuture<Void> urgent(ConsumerRecord<String, Object> record) {
        return deliveries.deliverConcurrently(this, URGENT_LISTENER, record);
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
            topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
            sameIntervalTopicReuseStrategy = SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
            concurrency = "${ssn.delivery.retry-consumers:1}",
            retryTopicSuffix = "-webhook-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.webhooks.enabled:true}")
    @KafkaListener(
            id = BULK_LISTENER,
            groupId = "delivery-webhooks-bulk",
            topics = "delivery-requests-bulk",
            concurrency = "${ssn.delivery.bulk-consumers:2}",
            containerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.webhooks.enabled:true}")
    CompletableFuture<Void> bulk(ConsumerRecord<String, Object> record) {
        return deliveries.deliverConcurrently(this, BULK_LISTENER, record);
    }

    /** The last attempt failed: the request is on the lane's dead-letter topic, and the delivery has failed. */
    @DltHandler
    void gaveUp(ConsumerRecord<String, Object> record) {
        deliveries.gaveUp(this, record);
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    /** Each webhook is a receiver of its own: one that is slow or down must not hold up the others. */
    @Override
    public boolean isolatesEndpoints() {
        return true;
    }

    /**
     * {@code ssn.delivery.webhooks.under-way-per-lane} (64, the connections the webhook client keeps per host): each
     * waits for a receiver far more than it uses the CPU.
     */
    @Override
    public int concurrentAttempts() {
        return concurrentAttempts;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        Instant now = Instant.now(clock);
        List<String> secrets = endpoint.secrets().stream()
                .filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(WebhookSecret::secret)
                .toList();
        if (secrets.isEmpty()) {
            return Attempt.permanent("no signing secret", false);
        }
        // CAP for an endpoint that chose it, when the message is a CAP alert; the JSON event otherwise
        String capXml = request.message().capXml();
        boolean cap = endpoint.format() == PayloadFormat.CAP_XML && capXml != null;
        byte[] body = cap ? capXml.getBytes(StandardCharsets.UTF_8) : WebhookPayload.json(request);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", request.deliveryId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(request.deliveryId(), timestamp, body, secrets));
        WebhookClient.Result result =
                client.post(endpoint.address(), headers, body, cap ? CAP_XML : ContentType.APPLICATION_JSON);
        int status = result.status();
        if (result.succeeded()) {
            return Attempt.succeeded(Integer.toString(status));
        }
        if (result.blocked()) {
            return Attempt.permanent(result.failure(), false);
        }
        if (status == 0) {
            return Attempt.retry(result.failure(), null, false);
        }
        if (status == 410) {
            return Attempt.unusable(DeliveryFailed.GONE);
        }
        String reason = "HTTP " + status;
        boolean permanent = status >= 300 && status < 500 && status != 408 && status != 429;
        return permanent ? Attempt.permanent(reason, true) : Attempt.retry(reason, result.retryAfter(), true);
    }
}
