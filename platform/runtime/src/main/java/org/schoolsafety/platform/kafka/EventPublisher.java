package org.schoolsafety.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topic;
import org.springframework.kafka.core.KafkaTemplate;
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

    /** Publishes {@code event} on {@code topic} with {@code key} as record key and {@code ce_subject}. */
    public CompletableFuture<SendResult<String, Object>> publish(Topic topic, String key, Object event) {
        Objects.requireNonNull(key, "events are keyed by their aggregate id");
        if (!topic.carries(event.getClass())) {
            throw new IllegalArgumentException(
                    event.getClass().getSimpleName() + " may not be published on " + topic.name());
        }
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(), key, event);
        record.headers().add(CloudEventHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        return template.send(record);
    }
}
