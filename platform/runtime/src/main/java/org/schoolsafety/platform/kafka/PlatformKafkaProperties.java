package org.schoolsafety.platform.kafka;

import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the platform, under {@code ssn.kafka}.
 *
 * @param replicationFactor replicas of every catalog topic the service creates; 1 on one broker (local, tests),
 *     3 in production
 * @param minInsyncReplicas {@code min.insync.replicas} of every catalog topic; 1 locally, 2 in production
 * @param retries how often a listener that throws is retried before its record goes to the dead-letter topic
 * @param retryBackoff wait before the first retry; doubled for each further one
 */
@ConfigurationProperties("ssn.kafka")
public record PlatformKafkaProperties(
        @DefaultValue("1") int replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("3") int retries,
        @DefaultValue("200ms") Duration retryBackoff) {

    public PlatformKafkaProperties {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "ssn.kafka.replication-factor must be at least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("ssn.kafka.min-insync-replicas must be between 1 and"
                    + " ssn.kafka.replication-factor (" + replicationFactor + "), not " + minInsyncReplicas);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("ssn.kafka.retries must not be negative, not " + retries);
        }
        SettingChecks.positive("ssn.kafka.retry-backoff", retryBackoff);
    }
}
