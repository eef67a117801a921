package org.schoolsafety.delivery.sms;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Deliveries;
import org.schoolsafety.delivery.DeliveryConfiguration;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.stereotype.Component;

/**
 * Delivers SMS requests from both lanes, each lane in a consumer group of its own, through the provider
 * ({@link SmsProviderClient}):
 * <ul>
 *   <li>the body is the subject, a line break and the text ({@link SmsText}), cut to {@code ssn.sms.max-segments}
 *       ({@link SmsSegments}) rather than refused: an alert must still go out. A cut is logged, without content;
 *   <li>every message takes its turn in the provider's rate, shared by all instances ({@link SmsRateLimiter}); an
 *       attempt that cannot within {@code ssn.sms.max-rate-wait} is retried later ("SMS rate limit");
 *   <li>the provider's message id is the outcome's reference and is remembered ({@link SentMessages}) so that its
 *       status callbacks become receipts ({@link SmsCallbacks});
 *   <li>retries go through the lane's retry topics ({@code <lane>-sms-retry-N}) on the same schedule as the other
 *       channels ({@code ssn.delivery.urgent.*}, {@code ssn.delivery.bulk.*}); after the last attempt, the lane's
 *       dead-letter topic and a permanent failure.
 * </ul>
 * Without a provider ({@code ssn.sms.base-url} unset) every attempt fails as worth retrying, "no SMS provider
 * configured", with one warning. {@code ssn.delivery.sms.enabled=false} leaves the requests on the lanes.
 * Idempotency, outcomes and isolation are {@link Deliveries}'. Numbers and bodies are never logged.
 */
@Component
class SmsDeliveries implements Sender {

    private static final Logger log = LoggerFactory.getLogger(SmsDeliveries.class);

    static final String NOT_CONFIGURED = "no SMS provider configured";
    static final String RATE_LIMITED = "SMS rate limit";

    /** As long as an email's acknowledgement link: a month. */
    static final Duration ACKNOWLEDGE_VALID_FOR = Duration.ofDays(30);

    private final Deliveries deliveries;
    private final SmsProperties properties;
    private final SmsProviderClient client;
    private final SmsRateLimiter rate;
    private final SentMessages sent;
    private final SmsCallbackUrls callbacks;
    private final SignedLinks signedLinks;
    private final LinkProperties links;
    private final AtomicBoolean warnedNotConfigured = new AtomicBoolean();

    SmsDeliveries(
            Deliveries deliveries,
            SmsProperties properties,
            SmsProviderClient client,
            SmsRateLimiter rate,
            SentMessages sent,
            SmsCallbackUrls callbacks,
            SignedLinks signedLinks,
            LinkProperties links) {
        this.signedLinks = signedLinks;
        this.links = links;
        this.deliveries = deliveries;
        this.properties = properties;
        this.client = client;
        this.rate = rate;
        this.sent = sent;
        this.callbacks = callbacks;
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
            retryTopicSuffix = "-sms-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.sms.enabled:true}")
    @KafkaListener(
            id = "sms-urgent",
            groupId = "delivery-sms-urgent",
            topics = "delivery-requests-urgent",
            concurrency = "${ssn.delivery.sms.urgent-consumers:2}",
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.sms.enabled:true}")
    void urgent(ConsumerRecord<String, Object> record) {
        deliveries.deliver(this, record);
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
            retryTopicSuffix = "-sms-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.sms.enabled:true}")
    @KafkaListener(
            id = "sms-bulk",
            groupId = "delivery-sms-bulk",
            topics = "delivery-requests-bulk",
            concurrency = "${ssn.delivery.sms.bulk-consumers:2}",
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.sms.enabled:true}")
    void bulk(ConsumerRecord<String, Object> record) {
        deliveries.deliver(this, record);
    }

    /** The last attempt failed: the request is on the lane's dead-letter topic, and the delivery has failed. */
    @DltHandler
    void gaveUp(ConsumerRecord<String, Object> record) {
        deliveries.gaveUp(this, record);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        if (!properties.configured()) {
            if (warnedNotConfigured.compareAndSet(false, true)) {
                log.warn("SMS deliveries cannot go out: set ssn.sms.base-url (and account, token, sender); they are"
                        + " retried and, after the last attempt, given up");
            }
            return Attempt.retry(NOT_CONFIGURED, null, false);
        }
        String text = SmsText.of(request.message());
        if (text.contains(Message.ACKNOWLEDGE_LINK)) {
            // this recipient's own link, where the producer left room for it
            text = text.replace(
                    Message.ACKNOWLEDGE_LINK,
                    links.link("/public/acknowledgements/"
                            + signedLinks.sign("acknowledge", request.deliveryId(), ACKNOWLEDGE_VALID_FOR)));
        }
        SmsSegments.Fitted body = SmsSegments.fit(text, properties.maxSegments());
        if (body.cut()) {
            log.info(
                    "delivery {} to {}: message cut from {} to {} segments ({})",
                    request.deliveryId(),
                    request.endpointId(),
                    body.originalSegments(),
                    body.count().segments(),
                    body.count().encoding());
        }
        if (!rate.acquire()) {
            return Attempt.retry(RATE_LIMITED, null, false);
        }
        Attempt attempt = client.send(endpoint.address(), body.text(), callbacks.status());
        if (attempt.succeeded() && !attempt.reference().startsWith("HTTP ")) {
            try {
                sent.remember(attempt.reference(), request);
            } catch (RuntimeException redisDown) {
                // the message is out: sending it again would repeat it; only its receipts are lost
                log.warn(
                        "delivery {} to {}: sent, but its message id could not be stored (Redis): no receipts for it",
                        request.deliveryId(),
                        request.endpointId());
            }
        }
        return attempt;
    }
}
