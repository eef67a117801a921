package org.schoolsafety.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaRetryTopic;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The listener containers of deliveries. Retrying is the retry topics' business (see {@link Deliveries}):
 * a failed attempt is forwarded to a retry topic and the partition moves on, so one failing endpoint never
 * holds up the requests behind it.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaRetryTopic
public class DeliveryConfiguration {

    public static final String CONTAINER_FACTORY = "deliveryListenerFactory";

    /** Wakes a retry topic's paused partition when its next record is due. */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("delivery-retry-");
        scheduler.initialize();
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    @Bean(CONTAINER_FACTORY)
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<Object, Object> deliveryListenerFactory(ConsumerFactory<?, ?> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }
}
