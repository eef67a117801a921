package org.schoolsafety.platform.kafka;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a value of an immutable type as its mapper would, remembering the JSON of the last few instances. An
 * audience expansion puts the same few instances into ten thousand delivery requests, interleaved: one
 * {@link org.schoolsafety.events.notification.Message} rendition per channel (an alert's email HTML, SMS text, CAP
 * XML: kilobytes) and one {@link java.time.Instant}. Each is escaped or formatted once and then copied as UTF-8
 * bytes. The same instance of an immutable type always has the same JSON; any other instance is written afresh.
 */
final class RepeatedValueSerializer<T> extends ValueSerializer<T> {

    /** One per channel, and one to spare for another expansion at the same time. */
    static final int REMEMBERED = 4;

    private record Written(Object value, SerializedString json) {}

    private final Class<T> type;
    private final Function<T, String> writer;
    private final AtomicReferenceArray<Written> remembered = new AtomicReferenceArray<>(REMEMBERED);
    private int next;

    /**
     * @param type an immutable type
     * @param writer the JSON its mapper would write for a value (a mapper of the same configuration without this
     *     serializer, or what gives the same text)
     */
    RepeatedValueSerializer(Class<T> type, Function<T, String> writer) {
        this.type = type;
        this.writer = writer;
    }

    @Override
    public Class<?> handledType() {
        return type;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(json(value));
    }

    private SerializedString json(T value) {
        for (int i = 0; i < REMEMBERED; i++) {
            Written written = remembered.get(i);
            if (written != null && written.value() == value) {
                return written.json();
            }
        }
        SerializedString json = new SerializedString(writer.apply(value));
        // the oldest slot makes room; threads racing here at worst overwrite each other's entry, never a wrong one
        int slot = next;
        next = (slot + 1) % REMEMBERED;
        remembered.set(slot, new Written(value, json));
        return json;
    }
}
