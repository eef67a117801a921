package org.schoolsafety.platform.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;

/**
 * The catalog as {@link NewTopic}s: each topic and its dead-letter topic, with the same partitions. Services
 * create them at start; the local stack creates them before any service runs.
 */
public final class CatalogTopics {

    private CatalogTopics() {}

    public static List<NewTopic> newTopics(PlatformKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topics.all()) {
            topics.add(newTopic(topic.name(), topic, properties));
            topics.add(newTopic(topic.deadLetterName(), topic, properties));
        }
        return topics;
    }

    private static NewTopic newTopic(String name, Topic topic, PlatformKafkaProperties properties) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()));
        configs.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(topic.retention().toMillis()));
        }
        return new NewTopic(name, topic.partitions(), (short) properties.replicationFactor()).configs(configs);
    }
}
