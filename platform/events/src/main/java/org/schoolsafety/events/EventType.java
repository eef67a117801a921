package org.schoolsafety.events;

/**
 * One event type: its CloudEvents {@code type} (the name on the wire) and the record it maps to.
 *
 * @param name the {@code ce_type} value, {@code <aggregate>.<past-tense-fact>.v<major>}
 * @param javaType the immutable record
 * @param <T> the record type
 */
public record EventType<T>(String name, Class<T> javaType) {

    public EventType {
        if (!name.matches("[a-z]+(\\.[a-z]+)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("event types read <aggregate>.<fact>.v<n>: " + name);
        }
        if (!javaType.isRecord()) {
            throw new IllegalArgumentException("events are records: " + javaType.getName());
        }
    }

    /** The name of the JSON Schema resource on the class path, e.g. {@code schemas/alert.issued.v1.json}. */
    public String schemaResource() {
        return "schemas/" + name + ".json";
    }
}
