package org.schoolsafety.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire contract of every event type: its JSON Schema, its golden sample, and the record must agree. A
 * renamed, added, removed or retyped component changes the JSON and fails here until the schema and the
 * golden sample are changed with it (and, if the change is not additive, the type gets a new version).
 */
class EventContractTests {

    /** Strict on purpose: a golden sample with a property the record lacks is a contract break. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<EventType<?>> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void goldenSampleValidatesAgainstTheSchema(EventType<?> type) throws IOException {
        List<Error> errors = schema(type).validate(golden(type));
        assertThat(errors)
                .as("golden sample of %s against its schema", type.name())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void recordWritesExactlyTheGoldenSample(EventType<?> type) throws IOException {
        JsonNode golden = golden(type);
        Object event = STRICT.treeToValue(golden, type.javaType());
        JsonNode written = STRICT.readTree(STRICT.writeValueAsString(event));
        assertThat(written).isEqualTo(golden);
        assertThat(schema(type).validate(written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaDeclaresExactlyTheRecordComponents(EventType<?> type) throws IOException {
        JsonNode schema = STRICT.readTree(resource(type.schemaResource()));
        assertThat(schema.path("title").asString()).isEqualTo(type.javaType().getSimpleName());
        assertObjectMatches(schema, schema, type.javaType(), type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaRejectsAnUnknownPropertyAndAMissingOne(EventType<?> type) throws IOException {
        JsonNode golden = golden(type);
        var extra = golden.deepCopy().asObject();
        extra.put("unexpected", "value");
        assertThat(schema(type).validate(extra)).isNotEmpty();
        var missing = golden.deepCopy().asObject();
        missing.remove(type.javaType().getRecordComponents()[0].getName());
        assertThat(schema(type).validate(missing)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void recordRefusesNullExactlyWhereTheSchemaDoes(EventType<?> type) throws IOException {
        JsonNode root = STRICT.readTree(resource(type.schemaResource()));
        JsonNode golden = golden(type);
        for (String property : names(root.path("properties"))) {
            var nulled = golden.deepCopy().asObject();
            nulled.putNull(property);
            boolean schemaAllowsNull = schema(type).validate(nulled).isEmpty();
            boolean recordAllowsNull;
            try {
                STRICT.treeToValue(nulled, type.javaType());
                recordAllowsNull = true;
            } catch (tools.jackson.core.JacksonException refused) {
                recordAllowsNull = false;
            }
            assertThat(recordAllowsNull)
                    .as(
                            "%s.%s: null allowed by the schema (%s) and by the record",
                            type.name(), property, schemaAllowsNull)
                    .isEqualTo(schemaAllowsNull);
        }
    }

    /** Properties and required list of an object schema equal the record's components, recursively. */
    private static void assertObjectMatches(JsonNode root, JsonNode schema, Class<?> record, String where) {
        JsonNode resolved = resolve(root, schema);
        List<String> components = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        assertThat(names(resolved.path("properties")))
                .as("properties of %s", where)
                .isEqualTo(components);
        List<String> required = new ArrayList<>();
        resolved.path("required").forEach(n -> required.add(n.asString()));
        assertThat(required).as("required of %s", where).containsExactlyInAnyOrderElementsOf(components);
        assertThat(resolved.path("additionalProperties").asBoolean(true))
                .as("additionalProperties of %s", where)
                .isFalse();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = resolve(root, resolved.path("properties").path(component.getName()));
            checkComponent(root, property, component.getGenericType(), where + "." + component.getName());
        }
    }

    private static void checkComponent(JsonNode root, JsonNode property, Type type, String where) {
        if (type instanceof Class<?> c && c.isRecord()) {
            assertObjectMatches(root, property, c, where);
        } else if (type instanceof Class<?> c && c.isEnum()) {
            List<String> constants = Arrays.stream(c.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name())
                    .toList();
            List<String> declared = new ArrayList<>();
            // a nullable enum lists null besides the constants
            property.path("enum").forEach(n -> {
                if (!n.isNull()) {
                    declared.add(n.asString());
                }
            });
            assertThat(declared).as("enum of %s", where).isEqualTo(constants);
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            assertThat(property.path("type").asString()).as("type of %s", where).isEqualTo("array");
            checkComponent(root, resolve(root, property.path("items")), p.getActualTypeArguments()[0], where + "[]");
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/$defs/")) {
            return root.path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return schema;
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.propertyNames().forEach(names::add);
        return names;
    }

    private static Schema schema(EventType<?> type) throws IOException {
        try (InputStream in = resource(type.schemaResource())) {
            return SCHEMAS.getSchema(in);
        }
    }

    private static JsonNode golden(EventType<?> type) throws IOException {
        try (InputStream in = resource("golden/" + type.name() + ".json")) {
            return STRICT.readTree(in);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EventContractTests.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
