package org.schoolsafety.delivery;

import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.schoolsafety.delivery.settings.DeliverySettings;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.delivery.settings.WebhookSettings;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The listener containers of deliveries, and each channel's settings group as a bean of its own. Retrying is the
 * retry topics' business ({@link DeliveryListeners}): a failed attempt is forwarded to a retry topic and the
 * partition moves on, so one failing endpoint never holds up the requests behind it.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration extends RetryTopicConfigurationSupport {

    static final String CONTAINER_FACTORY = "deliveryListenerFactory";

    /** The containers of listeners that deliver concurrently ({@link Deliveries#deliverConcurrently}). */
    static final String CONCURRENT_CONTAINER_FACTORY = "concurrentDeliveryListenerFactory";

    private final DeliverySettings settings;

    DeliveryConfiguration(DeliverySettings settings) {
        this.settings = settings;
    }

    /** The service's clock: quiet hours read it, and tests fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WebhookSettings webhookSettings() {
        return settings.webhooks();
    }

    @Bean
    EmailSettings emailSettings() {
        return settings.email();
    }

    @Bean
    SmsSettings smsSettings() {
        return settings.sms();
    }

    @Bean
    EndpointGate endpointGate() {
        return new EndpointGate(settings.isolation());
    }

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
        customizers
                .customizeErrorHandler(handler -> handler.setSeekAfterError(false))
                .customizeListenerContainer(this::quietIfNothingWaitsOnIt);
    }

    /**
     * The bulk lane's consumers (its requests and its retry topics) and every dead-letter topic's consumer let the
     * broker hold an empty fetch for {@code ssn.delivery.quiet-fetch-max-wait} instead of Kafka's 500 ms: nearly all
     * of this service's fifty-odd consumers are idle nearly all the time, and each empty fetch is a request the broker
     * answers and a poll this service wakes for.
     *
     * <p>A record that arrives is still fetched at once ({@code fetch.min.bytes} stays 1). What waits is a
     * partition that becomes fetchable while a fetch is in flight (a retry partition resumed when its record is
     * due, a partition newly assigned, one whose buffered records ran out): it is fetched only once that fetch
     * returns, up to the wait later. That is why the urgent lane and its retry topics keep Kafka's 500 ms: its
     * retries come after seconds. The bulk lane's come after 30 s or more, and a dead-letter record is taken at once
     * by the fetch already waiting for it.
     */
    private void quietIfNothingWaitsOnIt(ConcurrentMessageListenerContainer<?, ?> container) {
        String[] topics = container.getContainerProperties().getTopics();
        if (topics != null && topics.length > 0 && Arrays.stream(topics).allMatch(DeliveryConfiguration::quiet)) {
            Properties consumer = new Properties();
            consumer.putAll(container.getContainerProperties().getKafkaConsumerProperties());
            consumer.setProperty(
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    Long.toString(settings.quietFetchMaxWait().toMillis()));
            container.getContainerProperties().setKafkaConsumerProperties(consumer);
        }
    }

    private static boolean quiet(String topic) {
        return topic.startsWith(Topics.DELIVERY_REQUESTS_BULK.name()) || topic.endsWith(Topic.DEAD_LETTER_SUFFIX);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deliveryListenerFactory(ConsumerFactory<?, ?> consumers) {
        return containers(consumers, true);
    }

    /**
     * The containers of the listeners that deliver concurrently (webhooks, email), without an observation per
     * record: a delivery request is one of ten thousand per statewide alert, and a span and a timer for each cost
     * more than they tell. Their trace goes on without it: each outcome carries its request's {@code traceparent}
     * ({@link Outcomes}), and a forwarding to a retry or dead-letter topic opens a span of its own under it
     * ({@link RetryForwarding}); {@link DeliveryMetrics} times the attempts. The listeners that deliver in turn
     * (SMS) keep the observed containers: their failed attempts are forwarded by the container itself, under the
     * listener's span.
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
