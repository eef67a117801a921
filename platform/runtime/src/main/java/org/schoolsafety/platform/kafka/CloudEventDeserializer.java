package org.schoolsafety.platform.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventType;
import org.schoolsafety.events.EventTypes;
import tools.jackson.core.JacksonException;

/**
 * Reads CloudEvents 1.0 binary mode: the record type comes from the {@code ce_type} header, never from a
 * class name. A record without {@code ce_type}, with a type this version does not know, or with data that
 * does not fit the type is refused with a {@link SerializationException}; wrapped in Spring Kafka's
 * {@code ErrorHandlingDeserializer}, such a record goes to the dead-letter topic instead of blocking its
 * partition.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new SerializationException("CloudEvents binary mode needs record headers; topic " + topic);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        Header typeHeader = headers.lastHeader(CloudEventHeaders.TYPE);
        if (typeHeader == null) {
            throw new SerializationException("record on " + topic + " has no " + CloudEventHeaders.TYPE + " header");
        }
        String typeName = new String(typeHeader.value(), StandardCharsets.UTF_8);
        EventType<?> type = EventTypes.named(typeName)
                .orElseThrow(() -> new SerializationException("unknown event type " + typeName + " on " + topic));
        try {
            return EventJson.MAPPER.readValue(data, type.javaType());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException(typeName + " on " + topic + " does not fit its schema", e);
        }
    }
}
