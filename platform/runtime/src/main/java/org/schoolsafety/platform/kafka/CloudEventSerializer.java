package org.schoolsafety.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventType;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;

/**
 * Writes an event record as CloudEvents 1.0 binary mode: JSON data as the value, the envelope as
 * {@code ce_*} headers. Only the catalog's event types are accepted, and only on a topic that carries them.
 * Headers already present (set by {@link EventPublisher}, or copied from the original record when a dead
 * letter is published) are kept. Raw {@code byte[]} values pass through untouched: they are records no
 * consumer could read, on their way to a dead-letter topic.
 *
 * <p>Configuration: {@value #SOURCE_CONFIG}, the {@code ce_source} of this producer.
 */
public class CloudEventSerializer implements Serializer<Object> {

    public static final String SOURCE_CONFIG = "ssn.cloudevents.source";

    private String source = "/ssn/unknown";

    // the catalog topic of each name a record is sent to: retry and dead-letter names are matched against a
    // regular expression once per name, not once per record
    private final Map<String, Optional<Topic>> topics = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null) {
            source = configured.toString();
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        throw new SerializationException("CloudEvents binary mode needs record headers; topic " + topic);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        EventType<?> type = EventTypes.of(data.getClass())
                .orElseThrow(() -> new SerializationException(
                        "not an event type of the catalog: " + data.getClass().getName()));
        topics.computeIfAbsent(topic, name -> Topics.named(baseTopic(name)))
                .filter(t -> t.carries(type.javaType()))
                .orElseThrow(() -> new SerializationException(type.name() + " may not be published on " + topic));
        // the defaults are computed only where a header is missing: an audience expansion names its own ids
        // and time for ten thousand records, and a random UUID each (SecureRandom) would cost more than the JSON
        putIfAbsent(headers, CloudEventHeaders.SPEC_VERSION, () -> CloudEventHeaders.SPEC_VERSION_1_0);
        putIfAbsent(headers, CloudEventHeaders.ID, () -> UUID.randomUUID().toString());
        putIfAbsent(headers, CloudEventHeaders.SOURCE, () -> source);
        putIfAbsent(headers, CloudEventHeaders.TIME, () -> Instant.now().toString());
        putIfAbsent(headers, CloudEventHeaders.CONTENT_TYPE, () -> CloudEventHeaders.JSON);
        headers.remove(CloudEventHeaders.TYPE);
        headers.add(CloudEventHeaders.TYPE, type.name().getBytes(StandardCharsets.UTF_8));
        return EventJson.MAPPER.writeValueAsBytes(data);
    }

    /**
     * A dead-letter topic ({@code <topic>-dlt}) and a retry topic of a consumer ({@code <topic>-<name>-retry} or
     * {@code <topic>-<name>-retry-<n>}, Spring Kafka's non-blocking retries) carry what their topic carries.
     */
    static String baseTopic(String topic) {
        if (topic.endsWith(Topic.DEAD_LETTER_SUFFIX)) {
            return topic.substring(0, topic.length() - Topic.DEAD_LETTER_SUFFIX.length());
        }
        Matcher retry = RETRY_TOPIC.matcher(topic);
        return retry.matches() ? retry.group(1) : topic;
    }

    private static final Pattern RETRY_TOPIC = Pattern.compile("(.+)-[a-z]+-retry(-[0-9]+)?");

    private static void putIfAbsent(Headers headers, String name, Supplier<String> value) {
        if (headers.lastHeader(name) == null) {
            headers.add(name, value.get().getBytes(StandardCharsets.UTF_8));
        }
    }
}
