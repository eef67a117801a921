package org.schoolsafety.bulletin.archive;

import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topic;
import org.schoolsafety.platform.kafka.PlatformKafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The archive listener's container: the platform's dead-lettering for a record that cannot be archived, except
 * while Redis does not answer. Then the record is retried until Redis is back: a revision dead-lettered after a
 * Redis restart of a few seconds would be missing from the archive until the service next starts.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    static final String CONTAINER_FACTORY = "archiveListenerFactory";
    private static final long REDIS_RETRY_MILLIS = 1000;

    @Bean(CONTAINER_FACTORY)
    @SuppressWarnings("unchecked")
    ConcurrentKafkaListenerContainerFactory<Object, Object> archiveListenerFactory(
            ConsumerFactory<?, ?> consumers, KafkaTemplate<String, Object> template, PlatformKafkaProperties kafka) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumers);
        factory.setCommonErrorHandler(errorHandler(template, kafka));
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }

    private static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, Object> template, PlatformKafkaProperties kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template,
                (record, exception) ->
                        new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(kafka.retries());
        backOff.setInitialInterval(kafka.retryBackoff().toMillis());
        backOff.setMultiplier(2.0);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setBackOffFunction((record, exception) ->
                redisDown(exception) ? new FixedBackOff(REDIS_RETRY_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    static boolean redisDown(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
