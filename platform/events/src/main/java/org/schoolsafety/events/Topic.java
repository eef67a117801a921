package org.schoolsafety.events;

import java.time.Duration;

/**
 * One Kafka topic of the platform as the catalog declares it.
 *
 * @param name lower-kebab plural noun, the topic's name on the broker
 * @param partitions partition count; keys keep one aggregate's events on one partition, in order
 * @param compacted {@code true} where the topic carries state (latest record per key wins), so a service
 *     can rebuild its view from it after its store is lost
 * @param retention how long records are kept; {@code null} for compacted topics, which keep the latest
 *     record per key forever
 * @param valueType the type every record value on this topic implements (a sealed interface or a record)
 * @param purpose one sentence: what the topic carries and who reads it
 */
public record Topic(
        String name, int partitions, boolean compacted, Duration retention, Class<?> valueType, String purpose) {

    /** Suffix of the dead-letter topic that takes records no consumer could process. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public Topic {
        if (!name.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("topic names are lower-kebab: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        if (compacted == (retention != null)) {
            throw new IllegalArgumentException("a compacted topic has no retention; any other topic has one: " + name);
        }
    }

    /** The dead-letter topic of this topic; it has the same partitions so a record keeps its partition. */
    public String deadLetterName() {
        return name + DEAD_LETTER_SUFFIX;
    }

    /** Whether events of the given type may be published on this topic. */
    public boolean carries(Class<?> eventType) {
        return valueType.isAssignableFrom(eventType);
    }
}
