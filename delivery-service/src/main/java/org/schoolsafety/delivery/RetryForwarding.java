package org.schoolsafety.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.stereotype.Component;

/**
 * Forwards a request whose attempt failed to where the listener's retry topics would have put it: the next retry
 * topic, with the retry headers ({@code retry_topic-attempts}, {@code -backoff-timestamp},
 * {@code -original-timestamp}) that hold it back there until its delay has passed, or, after the last attempt, the
 * lane's dead-letter topic. The destinations are the ones {@code @RetryableTopic} declared for the listener (Spring
 * Kafka's {@link DestinationTopicResolver}); the record is written by Spring Kafka's own dead-letter publisher,
 * exactly as its error handler would write it.
 *
 * <p>Used by listeners that deliver concurrently ({@link Deliveries#deliverConcurrently}): their record is
 * committed only once its forwarding has been confirmed by the broker, so a failed attempt is never acknowledged
 * before it is safely on its next topic.
 */
@Component
public class RetryForwarding {

    private final DeadLetterPublishingRecovererFactory recoverers;
    private final Map<String, DeadLetterPublishingRecoverer> byListener = new ConcurrentHashMap<>();

    RetryForwarding(DestinationTopicResolver destinations) {
        this.recoverers = new DeadLetterPublishingRecovererFactory(destinations);
        // Deliveries logs each failed attempt and each delivery given up, naming the endpoint by id
        this.recoverers.neverLogListenerException();
    }

    /**
     * Writes the record to its next topic for the listener {@code mainListenerId} and waits for the broker's
     * confirmation.
     *
     * @throws RuntimeException when the broker did not confirm it
     */
    public void forward(String mainListenerId, ConsumerRecord<String, Object> record, RuntimeException failure) {
        byListener.computeIfAbsent(mainListenerId, recoverers::create).accept(record, null, failure);
    }
}
