package org.schoolsafety.delivery.email;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Deliveries;
import org.schoolsafety.delivery.DeliveryConfiguration;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Delivers email requests from both lanes through the SMTP relay of {@code spring.mail.*}, each lane in a consumer
 * group of its own ({@code delivery-email-urgent}, {@code delivery-email-bulk}) with retry topics of its own
 * ({@code <lane>-email-retry-N}) on the same schedule as webhooks ({@code ssn.delivery.urgent.*},
 * {@code ssn.delivery.bulk.*}); after the last attempt the request goes to the lane's dead-letter topic and a
 * permanent failure is published. The relay taking the message is success; a 5xx is a permanent failure, a 4xx or
 * no answer is retried ({@link SmtpReplies}). Idempotency, outcomes, isolation and metrics are {@link Deliveries}'.
 *
 * <p>Connections to the relay are pooled ({@link SmtpConnections}), and requests are delivered concurrently
 * ({@link Deliveries#deliverConcurrently}), enough of them at once to keep every connection busy; the messages to
 * one address go in turn. The retry and dead-letter topics carry failures only: one consumer each
 * ({@code ssn.delivery.retry-consumers}). Without {@code spring.mail.host} the service
 * still starts (webhooks need no relay) and email attempts fail, to be retried. {@code
 * ssn.delivery.email.enabled=false} leaves email requests on the lanes.
 */
@Component
class EmailDeliveries implements Sender, AutoCloseable {

    /** The lanes' listener ids, which also key their retry topics' destinations ({@link Deliveries#deliverConcurrently}). */
    static final String URGENT_LISTENER = "email-urgent";

    static final String BULK_LISTENER = "email-bulk";

    private static final Logger log = LoggerFactory.getLogger(EmailDeliveries.class);

    private final Deliveries deliveries;
    private final SmtpConnections connections;
    private final EmailSender sender;
    private final int concurrentAttempts;

    EmailDeliveries(
            Deliveries deliveries,
            ObjectProvider<JavaMailSenderImpl> relay,
            EmailProperties properties,
            SignedLinks signedLinks,
            LinkProperties links,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.concurrentAttempts = 2 * properties.connections();
        JavaMailSenderImpl configured = relay.getIfAvailable();
        this.connections = configured == null ? null : new SmtpConnections(configured, properties);
        EmailMessages messages = new EmailMessages(properties, signedLinks, links, Clock.systemUTC());
        this.sender = new EmailSender(connections, messages);
        if (connections == null) {
            log.warn(
                    "spring.mail.host is not set: email deliveries fail ({}) and are retried until a relay is"
                            + " configured",
                    EmailSender.NO_RELAY);
        } else {
            FunctionCounter.builder("ssn.delivery.email.connections.opened", connections, SmtpConnections::opened)
                    .description("SMTP connections opened to the relay, reconnects included")
                    .register(meters);
            Gauge.builder("ssn.delivery.email.connections.open", connections, SmtpConnections::open)
                    .description("SMTP connections open to the relay, idle or in use")
                    .register(meters);
        }
        if (!messages.oneClick()) {
            log.warn("ssn.links.base-url is not HTTPS: bulletins and advisories carry List-Unsubscribe without"
                    + " one-click unsubscription (RFC 8058 needs an HTTPS link)");
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
            topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
            sameIntervalTopicReuseStrategy = SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
            concurrency = "${ssn.delivery.retry-consumers:1}",
            retryTopicSuffix = "-email-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.email.enabled:true}")
    @KafkaListener(
            id = URGENT_LISTENER,
            groupId = "delivery-email-urgent",
            topics = "delivery-requests-urgent",
            concurrency = "${ssn.delivery.email.urgent-consumers:2}",
            containerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.email.enabled:true}")
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
            retryTopicSuffix = "-email-retry",
            dltTopicSuffix = Topic.DEAD_LETTER_SUFFIX,
            listenerContainerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartDltHandler = "${ssn.delivery.email.enabled:true}")
    @KafkaListener(
            id = BULK_LISTENER,
            groupId = "delivery-email-bulk",
            topics = "delivery-requests-bulk",
            concurrency = "${ssn.delivery.email.bulk-consumers:2}",
            containerFactory = DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY,
            autoStartup = "${ssn.delivery.email.enabled:true}")
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
        return Channel.EMAIL;
    }

    /**
     * Twice the SMTP connections ({@code ssn.email.connections}): every connection busy, and the next message ready
     * (rendered, checked) for the first connection that comes free.
     */
    @Override
    public int concurrentAttempts() {
        return concurrentAttempts;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        return sender.send(request, endpoint);
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
