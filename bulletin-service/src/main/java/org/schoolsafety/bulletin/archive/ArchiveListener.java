package org.schoolsafety.bulletin.archive;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.platform.redis.RedisWiped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Keeps every revision from {@code bulletins} in the archive. The topic holds a few hundred records at most (one
 * bulletin a week, kept 400 days), so the listener simply reads it from the beginning whenever it is given the
 * partition and whenever Redis lost its data ({@link RedisWiped}): storing is idempotent, and the archive needs no
 * offset of its own that could outlive the data it stands for.
 */
@Component
class ArchiveListener extends AbstractConsumerSeekAware {

    static final String GROUP = "bulletin-service-archive";
    private static final Logger log = LoggerFactory.getLogger(ArchiveListener.class);

    private final ArchiveStore store;

    ArchiveListener(ArchiveStore store) {
        this.store = store;
    }

    @KafkaListener(
            id = GROUP,
            groupId = GROUP,
            topics = Topics.Names.BULLETINS,
            containerFactory = ArchiveConfiguration.CONTAINER_FACTORY)
    void on(ConsumerRecord<String, Object> record) {
        if (record.value() instanceof BulletinPublished published && store.store(published)) {
            log.info("bulletin {} revision {} archived", published.bulletinId(), published.revision());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }

    @EventListener
    void onRedisWiped(RedisWiped wiped) {
        log.warn("Redis lost its data: the archive reads {} again from the beginning", Topics.Names.BULLETINS);
        seekToBeginning();
    }
}
