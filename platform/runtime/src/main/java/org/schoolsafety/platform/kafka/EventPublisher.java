package org.schoolsafety.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes an event of the catalog on its topic, keyed by its aggregate id. The returned future completes
 * when the broker has the record on all in-sync replicas ({@code acks=all}); callers that promise anything
 * to a person (an alert "sent") must wait for it.
 */
public class EventPublisher {

    private final KafkaTemplate<String, Object> template;

    public EventPublisher(KafkaTemplate<String, Object> template) {
        this.template = template;
    }

    /**
     * A publisher whose sends are not observed: no producer span and no timer per record. Its events carry the
     * trace context they are given ({@link #publish(Topic, String, Object, Header)}). For events published by the
     * thousand a second, each answering a record that came with its own {@code traceparent}: delivery outcomes.
     */
    public static EventPublisher withoutObservation(ProducerFactory<String, Object> producers) {
        return new EventPublisher(new KafkaTemplate<>(producers));
    }

    /** Publishes {@code event} on {@code topic} with {@code key} as record key and {@code ce_subject}. */
    public CompletableFuture<SendResult<String, Object>> publish(Topic topic, String key, Object event) {
        return publish(topic, key, event, null);
    }

    /**
     * Publishes like {@link #publish(Topic, String, Object)}, the record carrying {@code traceparent} (the W3C
     * trace context of the record this event answers; {@code null}: none), so that the event stays in that trace.
     * Meant for a publisher {@link #withoutObservation without observation}: an observed one adds its own.
     */
    public CompletableFuture<SendResult<String, Object>> publish(
            Topic topic, String key, Object event, Header traceparent) {
        Objects.requireNonNull(key, "events are keyed by their aggregate id");
        if (!topic.carries(event.getClass())) {
            throw new IllegalArgumentException(
                    event.getClass().getSimpleName() + " may not be published on " + topic.name());
        }
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(), key, event);
        record.headers().add(CloudEventHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.value());
        }
        return template.send(record);
    }
}
