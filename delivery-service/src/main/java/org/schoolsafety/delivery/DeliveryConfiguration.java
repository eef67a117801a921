package org.schoolsafety.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The listener containers of deliveries. Retrying is the retry topics' business (see {@link Deliveries}):
 * a failed attempt is forwarded to a retry topic and the partition moves on, so one failing endpoint never
 * holds up the requests behind it.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration extends RetryTopicConfigurationSupport {

    public static final String CONTAINER_FACTORY = "deliveryListenerFactory";

    /** The containers of listeners that deliver concurrently ({@link Deliveries#deliverConcurrently}). */
    public static final String CONCURRENT_CONTAINER_FACTORY = "concurrentDeliveryListenerFactory";

    /** Wakes a retry topic's paused partition when its next record is due. */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("delivery-retry-");
        scheduler.initialize();
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    /**
     * A failed record is forwarded to its retry topic and the records fetched after it are delivered from memory,
     * without seeking back and fetching them again: a re-fetch can wait for the broker's {@code fetch.max.wait.ms},
     * and every endpoint behind a failing one would pay it.
     */
    @Override
    protected void configureCustomizers(CustomizersConfigurer customizers) {
        customizers.customizeErrorHandler(handler -> handler.setSeekAfterError(false));
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deliveryListenerFactory(ConsumerFactory<?, ?> consumers) {
        return containers(consumers, true);
    }

    /**
     * The containers of webhook and email deliveries, without an observation per record: a delivery request is one
     * of ten thousand per statewide alert, and starting and stopping a span and a timer for each was 204 of this
     * service's 4,101 CPU samples (5%) in a JFR profile under {@code bench.webhook}. Their trace goes on without
     * it: each outcome carries its request's {@code traceparent} ({@link Deliveries}), and a forwarding to a retry
     * or dead-letter topic opens a span of its own under it ({@link RetryForwarding}); {@link DeliveryMetrics} times
     * the attempts. SMS keeps the observed containers: its failed attempts are forwarded by the container itself,
     * under the listener's span, not by {@link RetryForwarding}.
     */
    @Bean(CONCURRENT_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> concurrentDeliveryListenerFactory(
            ConsumerFactory<?, ?> consumers) {
        return containers(consumers, false);
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentKafkaListenerContainerFactory<Object, Object> containers(
            ConsumerFactory<?, ?> consumers, boolean observed) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.getContainerProperties().setObservationEnabled(observed);
        return factory;
    }
}
