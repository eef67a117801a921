package org.schoolsafety.subscription.audience;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The bulk expander's consumer group is younger than the urgent one, which used to be the single expander of both
 * lanes. On its very first start, before any listener runs, it takes that group's position on {@code notifications}:
 * an upgrade then neither re-expands the week of bulletins the topic still holds ({@code auto.offset.reset=earliest})
 * nor skips one that waited while the service was down. Once the group has a position this does nothing.
 */
@Component
class BulkGroupStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BulkGroupStart.class);

    private final KafkaAdmin kafkaAdmin;

    BulkGroupStart(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            if (seed(admin, NotificationExpander.URGENT_GROUP, NotificationExpander.BULK_GROUP)) {
                log.info(
                        "{} starts where {} stood on {}",
                        NotificationExpander.BULK_GROUP,
                        NotificationExpander.URGENT_GROUP,
                        Topics.NOTIFICATIONS.name());
            }
        } catch (Exception e) {
            // at worst the new group starts from the beginning: the same delivery ids again, which
            // delivery-service does not send twice once concluded
            log.warn(
                    "could not give {} the position of {}",
                    NotificationExpander.BULK_GROUP,
                    NotificationExpander.URGENT_GROUP,
                    e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives group {@code to} the position of group {@code from} on {@code notifications}, if {@code to} has none. */
    static boolean seed(Admin admin, String from, String to) throws Exception {
        if (!position(admin, to).isEmpty()) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> position = position(admin, from);
        if (position.isEmpty()) {
            return false;
        }
        admin.alterConsumerGroupOffsets(to, position).all().get(10, TimeUnit.SECONDS);
        return true;
    }

    private static Map<TopicPartition, OffsetAndMetadata> position(Admin admin, String group) throws Exception {
        return admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(entry ->
                        entry.getValue() != null && entry.getKey().topic().equals(Topics.NOTIFICATIONS.name()))
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> new OffsetAndMetadata(entry.getValue().offset())));
    }
}
