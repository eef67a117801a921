package org.schoolsafety.platform.kafka;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapping of event data on the wire, shared by serializer and deserializer. */
final class EventJson {

    /**
     * ISO-8601 dates, enum names, record components in declaration order. Unknown properties are ignored:
     * an additive change to a type keeps its version, so older consumers must read newer records.
     */
    static final JsonMapper MAPPER = builder().build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private EventJson() {}
}
