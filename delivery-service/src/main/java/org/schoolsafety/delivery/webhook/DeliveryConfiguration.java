package org.schoolsafety.delivery.webhook;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * How a failed attempt is retried: in place, after 1 s, 2 s, 4 s, ... ({@code ssn.delivery.retry.*}), with the
 * attempt number in a header; after the last one a permanent failure is published and the request goes to
 * {@code <lane>-dlt} on its partition. Retrying in place holds up the requests behind it on the same partition
 * for the backoff; retry topics that do not are still to come.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    static final String CONTAINER_FACTORY = "deliveryListenerFactory";

    @Bean(CONTAINER_FACTORY)
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<Object, Object> deliveryListenerFactory(
            ConsumerFactory<?, ?> consumers,
            KafkaTemplate<Object, Object> template,
            ObjectProvider<WebhookDeliveries> deliveries,
            @Value("${ssn.delivery.retry.attempts:5}") int attempts,
            @Value("${ssn.delivery.retry.initial:1s}") Duration initial) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template,
                (record, exception) ->
                        new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(attempts - 1);
        backOff.setInitialInterval(initial.toMillis());
        backOff.setMultiplier(2.0);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    if (record.value() instanceof DeliveryRequested request) {
                        deliveries.getObject().fail(request, attempts, "gave up after " + attempts + " attempts", true);
                    }
                    deadLetters.accept(record, exception);
                },
                backOff);
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.setCommonErrorHandler(handler);
        factory.getContainerProperties().setDeliveryAttemptHeader(true);
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }
}
