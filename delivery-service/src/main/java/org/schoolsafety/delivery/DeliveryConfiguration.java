package org.schoolsafety.delivery;

import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The listener containers of deliveries. Retrying is the retry topics' business (see {@link Deliveries}):
 * a failed attempt is forwarded to a retry topic and the partition moves on, so one failing endpoint never
 * holds up the requests behind it.
 *
 * <p>Every channel's {@code @RetryableTopic} numbers its retry topics ({@code <lane>-<channel>-retry-0} to
 * {@code -retry-N}, one per retry, {@code TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE} and
 * {@code SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS}) instead of naming them by their delay. The delays are
 * jittered, and drawn again at each start: named by delay, every start had retry topics of its own, and the requests
 * waiting on the previous instance's were never read again (issue 27). Numbered, the names and the number of topics
 * depend only on {@code ssn.delivery.<lane>.attempts}; the delay a request waits is not in the name but in its
 * {@code retry_topic-backoff-timestamp} header, set by the instance that forwarded it.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration extends RetryTopicConfigurationSupport {

    public static final String CONTAINER_FACTORY = "deliveryListenerFactory";

    /** The containers of listeners that deliver concurrently ({@link Deliveries#deliverConcurrently}). */
    public static final String CONCURRENT_CONTAINER_FACTORY = "concurrentDeliveryListenerFactory";

    private final Duration quietFetchWait;

    DeliveryConfiguration(@Value("${ssn.delivery.quiet-fetch-max-wait:5s}") Duration quietFetchWait) {
        this.quietFetchWait = quietFetchWait;
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
     * broker hold an empty fetch for {@code ssn.delivery.quiet-fetch-max-wait} (5 s) instead of Kafka's 500 ms.
     * This service has some fifty consumers (per channel and lane: the lane's, one per retry topic, one for the
     * dead letters), and nearly all of them are idle nearly all the time: each empty fetch is a request the broker
     * answers and a poll this service wakes for. With the local stack up and idle this service used 9-17% of a core
     * before, 7-8% with these 27 consumers waiting 5 s.
     *
     * <p>A record that arrives is still fetched at once ({@code fetch.min.bytes} stays 1). What waits is a
     * partition that becomes fetchable while a fetch is in flight (a retry partition resumed when its record is
     * due, a partition newly assigned, one whose buffered records ran out): it is fetched only once that fetch
     * returns, up to the wait later. That is why the urgent lane and its retry topics keep Kafka's 500 ms: its
     * retries come after 1, 2, 4, 8 and 16 s. The bulk lane's come after 30 s or more, and a dead-letter record
     * is taken at once by the fetch already waiting for it.
     */
    private void quietIfNothingWaitsOnIt(ConcurrentMessageListenerContainer<?, ?> container) {
        String[] topics = container.getContainerProperties().getTopics();
        if (topics != null && topics.length > 0 && Arrays.stream(topics).allMatch(DeliveryConfiguration::quiet)) {
            Properties consumer = new Properties();
            consumer.putAll(container.getContainerProperties().getKafkaConsumerProperties());
            consumer.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(quietFetchWait.toMillis()));
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
