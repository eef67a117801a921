package org.schoolsafety.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka wiring of every service: the {@link EventPublisher}, the catalog's topics (created at start: brokers
 * never auto-create them), and an error handler that retries a failing listener a bounded number of times
 * and then moves the record to {@code <topic>-dlt}, on the same partition, so the partition moves on.
 * Records that cannot be deserialized go there at once. {@link TopicView}s, which read without a listener, put the
 * records they skip there through {@link SkippedRecords}, reported by the {@code topicViews} health component.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class PlatformKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, Object> template) {
        return new EventPublisher(template);
    }

    @Bean
    @ConditionalOnMissingBean
    SkippedRecords skippedRecords(KafkaTemplate<String, Object> template, ObjectProvider<MeterRegistry> meters) {
        return new SkippedRecords(template, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    TopicViewsHealth topicViewsHealthIndicator(SkippedRecords skipped) {
        return new TopicViewsHealth(skipped);
    }

    @Bean
    KafkaAdmin.NewTopics catalogTopics(PlatformKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                CatalogTopics.newTopics(properties).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(
            KafkaTemplate<String, Object> template, PlatformKafkaProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template,
                (record, exception) ->
                        new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retries());
        backOff.setInitialInterval(properties.retryBackoff().toMillis());
        backOff.setMultiplier(2.0);
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
