package org.schoolsafety.alert.status;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Status is counted outside Kafka transactions, in batches: counting a delivery twice changes nothing, so a
 * redelivered batch is harmless. A batch that keeps failing (Redis down) is retried by the platform's error
 * handler and then dead-lettered, never skipped silently.
 */
@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

    static final String CONTAINER_FACTORY = "statusListenerFactory";

    @Bean(CONTAINER_FACTORY)
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<Object, Object> statusListenerFactory(
            ConsumerFactory<?, ?> consumers, DefaultErrorHandler deadLetteringErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.setCommonErrorHandler(deadLetteringErrorHandler);
        factory.setBatchListener(true);
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }
}
