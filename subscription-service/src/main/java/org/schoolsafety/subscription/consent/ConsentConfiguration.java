package org.schoolsafety.subscription.consent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Consent is read outside Kafka transactions: each change it makes is one record on the {@code directory}
 * topic, confirmed before the view changes, and applying one twice changes nothing, so a redelivery is harmless.
 * (Notification expansion, which must be all or nothing, keeps the transactional default factory.) A record
 * that keeps failing goes to {@code delivery-outcomes-dlt} after the platform's retries.
 *
 * <p>No observation per record: nearly every outcome is someone else's, so a span and a timer each would cost
 * more than the work; the changes it does make are on {@code directory} and {@code audit}, under spans of their
 * own.
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    static final String CONTAINER_FACTORY = "consentListenerFactory";

    @Bean(CONTAINER_FACTORY)
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<Object, Object> consentListenerFactory(
            ConsumerFactory<?, ?> consumers, DefaultErrorHandler deadLetteringErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.setCommonErrorHandler(deadLetteringErrorHandler);
        factory.getContainerProperties().setObservationEnabled(false);
        return factory;
    }
}
