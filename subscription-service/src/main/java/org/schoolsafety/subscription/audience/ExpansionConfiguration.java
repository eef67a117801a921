package org.schoolsafety.subscription.audience;

import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topic;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Expansion runs in Kafka transactions ({@code spring.kafka.producer.transaction-id-prefix}); the API's own
 * writes stay single records, so the template may also send outside a transaction. A notification whose
 * expansion fails five times goes to {@code notifications-dlt} in the same transaction that moves past it:
 * never dropped silently.
 */
@Configuration(proxyBeanMethods = false)
class ExpansionConfiguration {

    @Bean
    ExpansionCheckpoint expansionCheckpoint() {
        return (notificationId, count) -> {};
    }

    @Bean
    static BeanPostProcessor nonTransactionalApiWrites() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTemplate<?, ?> template && template.isTransactional()) {
                    template.setAllowNonTransactional(true);
                }
                return bean;
            }
        };
    }

    @Bean
    DefaultAfterRollbackProcessor<Object, Object> expansionAfterRollback(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template,
                (record, exception) ->
                        new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        return new DefaultAfterRollbackProcessor<>(recoverer, new FixedBackOff(500, 4), template, true);
    }
}
