package org.schoolsafety.subscription.audience;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns each notification into one delivery request per endpoint of its audience, on its lane, and then
 * says how many it made. Everything one notification produces, and the consumer's position after it, is one
 * Kafka transaction: a crash half-way leaves nothing visible to read-committed consumers, and the retry
 * writes the same requests with the same delivery ids (notification id + endpoint id). Nothing is lost,
 * nothing is delivered twice.
 *
 * <p>Each lane has its own listener container in its own consumer group, reading every notification and expanding
 * only its own lane's: an urgent alert never waits behind a statewide bulletin's expansion, and each group's position
 * moves in the transaction of its own expansions. The urgent group keeps the name the single expander had, so it
 * carries on from that expander's position.
 */
@Component
class NotificationExpander {

    private static final Logger log = LoggerFactory.getLogger(NotificationExpander.class);

    /** The urgent lane's consumer group: the single expander's, so it carries on from that expander's position. */
    static final String URGENT_GROUP = "notification-expander";

    /** The bulk lane's consumer group; its first position is the urgent group's ({@link BulkGroupStart}). */
    static final String BULK_GROUP = "notification-expander-bulk";

    private final AudienceResolver resolver;
    private final EventPublisher publisher;
    private final ExpansionCheckpoint checkpoint;
    private final KafkaTemplate<String, Object> requests;

    @SuppressWarnings("unchecked")
    NotificationExpander(
            AudienceResolver resolver,
            EventPublisher publisher,
            ExpansionCheckpoint checkpoint,
            ProducerFactory<?, ?> producers) {
        this.resolver = resolver;
        this.publisher = publisher;
        this.checkpoint = checkpoint;
        // the same (transactional) producers as the listener's transaction, without an observation per record (a
        // span per request would cost more than the expansion); each request carries the notification's
        // traceparent instead, so the alert's trace still reaches every delivery
        this.requests = new KafkaTemplate<>((ProducerFactory<String, Object>) producers);
    }

    @KafkaListener(id = URGENT_GROUP, topics = Topics.Names.NOTIFICATIONS)
    void urgent(ConsumerRecord<String, Object> record) {
        expand(record, Lane.URGENT);
    }

    @KafkaListener(id = BULK_GROUP, topics = Topics.Names.NOTIFICATIONS)
    void bulk(ConsumerRecord<String, Object> record) {
        expand(record, Lane.BULK);
    }

    private void expand(ConsumerRecord<String, Object> record, Lane ours) {
        if (!(record.value() instanceof NotificationRequested notification)) {
            return; // our own NotificationExpanded, on the same topic
        }
        if (notification.lane() != ours) {
            return; // the other lane's container expands it; this group's position simply moves past it
        }
        long began = System.nanoTime();
        List<Recipient> audience = resolver.resolve(notification);
        long resolved = System.nanoTime();
        Header traceparent = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        Topic lane =
                notification.lane() == Lane.URGENT ? Topics.DELIVERY_REQUESTS_URGENT : Topics.DELIVERY_REQUESTS_BULK;
        Instant now = Instant.now();
        // one ce_time for the whole expansion, formatted once (the serializer would format it per record)
        byte[] time = now.toString().getBytes(StandardCharsets.UTF_8);
        int[] byChannel = new int[Channel.values().length];
        // each channel's rendition once: every request of a channel carries the same instance, written once as JSON
        Message[] renditions = new Message[Channel.values().length];
        for (Channel channel : Channel.values()) {
            renditions[channel.ordinal()] = notification.message().renditionFor(channel);
        }
        // straight to the transaction's producer: no future, callback or observation per record. A send that fails
        // fails the commit, so the whole expansion is retried; none is ever half-visible. Each record is built
        // just before its send and is garbage right after: requests held in a list until the last is sent would
        // be copied by every young collection meanwhile.
        requests.execute(producer -> {
            int written = 0;
            for (Recipient recipient : audience) {
                Channel channel = recipient.endpoint().channel();
                producer.send(
                        request(notification, recipient, renditions[channel.ordinal()], lane, now, time, traceparent));
                byChannel[channel.ordinal()]++;
                checkpoint.written(notification.notificationId(), ++written);
            }
            return null;
        });
        publisher.publish(
                Topics.NOTIFICATIONS,
                notification.notificationId(),
                new NotificationExpanded(
                        notification.notificationId(),
                        notification.lane(),
                        audience.size(),
                        byChannel[Channel.EMAIL.ordinal()],
                        byChannel[Channel.SMS.ordinal()],
                        byChannel[Channel.WEBHOOK.ordinal()],
                        now));
        log.info(
                "notification {} ({} {}) expanded to {} deliveries: resolved in {} ms, written in {} ms",
                notification.notificationId(),
                notification.feed(),
                notification.lane(),
                audience.size(),
                (resolved - began) / 1_000_000,
                (System.nanoTime() - resolved) / 1_000_000);
    }

    private static ProducerRecord<String, Object> request(
            NotificationRequested notification,
            Recipient recipient,
            Message message,
            Topic lane,
            Instant now,
            byte[] time,
            Header traceparent) {
        EndpointChanged endpoint = recipient.endpoint();
        String deliveryId = DeliveryIds.of(notification.notificationId(), endpoint.endpointId());
        ProducerRecord<String, Object> request = new ProducerRecord<>(
                lane.name(),
                endpoint.endpointId(),
                new DeliveryRequested(
                        deliveryId,
                        notification.notificationId(),
                        endpoint.endpointId(),
                        endpoint.organisationId(),
                        endpoint.channel(),
                        endpoint.address(),
                        notification.lane(),
                        notification.feed(),
                        message,
                        now,
                        recipient.organisationName(),
                        recipient.window()));
        // the delivery id is the event id too: a replayed expansion re-sends the same event, under the same id
        request.headers()
                .add(CloudEventHeaders.ID, deliveryId.getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.SUBJECT, endpoint.endpointId().getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.TIME, time);
        if (traceparent != null) {
            request.headers().add(traceparent);
        }
        return request;
    }
}
