package org.schoolsafety.platform.kafka;

import java.time.Instant;
import org.schoolsafety.events.notification.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The JSON mapping of event data on the wire, shared by serializer and deserializer. */
final class EventJson {

    /** The mapping alone, for the repeated-value serializers to write what they then remember. */
    private static final JsonMapper PLAIN = builder().build();

    /**
     * ISO-8601 dates, enum names, record components in declaration order. Unknown properties are ignored:
     * an additive change to a type keeps its version, so older consumers must read newer records.
     */
    static final JsonMapper MAPPER = builder()
            .addModule(new SimpleModule("repeated-values")
                    .addSerializer(
                            Message.class, new RepeatedValueSerializer<>(Message.class, PLAIN::writeValueAsString))
                    .addSerializer(Instant.class, new RepeatedValueSerializer<>(Instant.class, EventJson::instant)))
            .build();

    /**
     * An instant as the mapping writes it (ISO-8601, {@code DateTimeFormatter.ISO_INSTANT}, as
     * {@link Instant#toString()}), without a whole mapper call per time not seen before: every delivery outcome has
     * a time of its own (figures: docs/performance.md).
     */
    static String instant(Instant instant) {
        return '"' + instant.toString() + '"';
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private EventJson() {}
}
