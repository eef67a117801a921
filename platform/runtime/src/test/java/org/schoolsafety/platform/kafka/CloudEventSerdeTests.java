package org.schoolsafety.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventType;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The envelope on the wire, without a broker: what the serializer writes and what the deserializer accepts. */
class CloudEventSerdeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    CloudEventSerdeTests() {
        serializer.configure(Map.of(CloudEventSerializer.SOURCE_CONFIG, "/ssn/alert-service"), false);
    }

    static Stream<EventType<?>> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void writesTheGoldenSampleAndReadsItBack(EventType<?> type) throws IOException {
        JsonNode golden = golden(type);
        Object event = JSON.treeToValue(golden, type.javaType());
        Topic topic = Topics.all().stream()
                .filter(t -> t.carries(type.javaType()))
                .findFirst()
                .orElseThrow();
        Headers headers = new RecordHeaders();

        byte[] value = serializer.serialize(topic.name(), headers, event);

        assertThat(JSON.readTree(value)).isEqualTo(golden);
        assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo(type.name());
        assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/ssn/alert-service");
        assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(headers.lastHeader(CloudEventHeaders.ID)).isNotNull();
        assertThat(headers.lastHeader(CloudEventHeaders.TIME)).isNotNull();
        assertThat(deserializer.deserialize(topic.name(), headers, value)).isEqualTo(event);
    }

    @Test
    void messagesAndTimesRepeatedAcrossRequestsAreWrittenAsAnyOtherAndNeverStale() {
        Message alert = new Message("Lockdown \"now\"", "Doors <locked>", "<p>Lock</p>", "<alert/>", "SMS \u00e9");
        Message other = new Message("All clear", "It is over", null);
        // an expansion's channels interleaved, then more distinct messages than are remembered, and the first again
        List<Message> messages = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Channel channel : Channel.values()) {
                messages.add(alert.renditionFor(channel));
            }
            messages.add(alert);
        }
        messages.add(other);
        for (int i = 0; i < 6; i++) {
            messages.add(new Message("Update " + i, "Text " + i, null));
        }
        messages.add(alert);
        messages.add(other);
        // one expansion's time for most, a time of their own for some
        Instant expansion = Instant.parse("2026-11-29T10:00:00.123456Z");
        List<DeliveryRequested> requests = new ArrayList<>();
        for (Message message : messages) {
            int i = requests.size();
            requests.add(request("d" + i, message, i % 3 == 0 ? expansion.plusSeconds(i) : expansion));
        }

        for (DeliveryRequested request : requests) {
            Headers headers = new RecordHeaders();
            byte[] value = serializer.serialize(Topics.DELIVERY_REQUESTS_URGENT.name(), headers, request);

            assertThat(JSON.readTree(value)).isEqualTo(JSON.valueToTree(request));
            assertThat(deserializer.deserialize(Topics.DELIVERY_REQUESTS_URGENT.name(), headers, value))
                    .isEqualTo(request);
        }
    }

    @Test
    void timesAreWrittenExactlyAsThePlainMappingWritesThem() {
        List<Instant> times = List.of(
                Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:00:00.100Z"),
                Instant.parse("2026-11-29T10:00:00.123456Z"),
                Instant.parse("2026-11-29T10:00:00.123456789Z"),
                Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.now());
        for (Instant time : times) {
            Headers headers = new RecordHeaders();
            byte[] value = serializer.serialize(
                    Topics.DELIVERY_REQUESTS_URGENT.name(),
                    headers,
                    request("t", new Message("Drill", "A drill", null), time));
            assertThat(new String(value, StandardCharsets.UTF_8))
                    .as(time.toString())
                    .contains("\"requestedAt\":" + JSON.writeValueAsString(time))
                    .contains("\"requestedAt\":\"" + time + "\"");
            assertThat(deserializer.deserialize(Topics.DELIVERY_REQUESTS_URGENT.name(), headers, value))
                    .extracting("requestedAt")
                    .isEqualTo(time);
        }
    }

    private static DeliveryRequested request(String id, Message message, Instant requestedAt) {
        return new DeliveryRequested(
                id,
                "n1",
                "ep-" + id,
                "org-1",
                Channel.EMAIL,
                "a@school.example",
                Lane.URGENT,
                Feed.URGENT_ALERTS,
                message,
                requestedAt);
    }

    @Test
    void consumersIgnoreFieldsAddedByANewerProducer() throws IOException {
        ObjectNode newer = golden(EventTypes.ALERT_ISSUED).deepCopy().asObject();
        newer.put("addedLater", "an additive change keeps the version");
        Headers headers = headers("alert.issued.v1");

        Object event = deserializer.deserialize("alerts", headers, JSON.writeValueAsBytes(newer));

        assertThat(event)
                .isEqualTo(JSON.treeToValue(golden(EventTypes.ALERT_ISSUED), EventTypes.ALERT_ISSUED.javaType()));
    }

    @Test
    void theTypeComesFromTheHeaderAndNothingElse() {
        byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize("alerts", new RecordHeaders(), data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ce_type");
        assertThatThrownBy(() -> deserializer.deserialize("alerts", headers("alert.issued.v9"), data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> deserializer.deserialize("alerts", headers("alert.issued.v1"), data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void onlyCatalogTypesOnTheirOwnTopicsAreWritten() throws IOException {
        Object alert = JSON.treeToValue(golden(EventTypes.ALERT_ISSUED), EventTypes.ALERT_ISSUED.javaType());
        assertThatThrownBy(() -> serializer.serialize("notifications", new RecordHeaders(), alert))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("may not be published on notifications");
        assertThatThrownBy(() -> serializer.serialize("alerts", new RecordHeaders(), "a string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not an event type");
        assertThat(serializer.serialize("alerts-dlt", new RecordHeaders(), alert))
                .isNotEmpty();
        // a consumer's retry topics carry what their topic carries, and nothing else
        assertThat(serializer.serialize("alerts-webhook-retry", new RecordHeaders(), alert))
                .isNotEmpty();
        assertThat(serializer.serialize("alerts-webhook-retry-2", new RecordHeaders(), alert))
                .isNotEmpty();
        assertThatThrownBy(() -> serializer.serialize("notifications-webhook-retry-0", new RecordHeaders(), alert))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.serialize("alerts-retry", new RecordHeaders(), alert))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void headersAlreadySetAreKeptAndRawBytesPassThroughToDeadLetters() throws IOException {
        Object alert = JSON.treeToValue(golden(EventTypes.ALERT_ISSUED), EventTypes.ALERT_ISSUED.javaType());
        Headers headers = headers("alert.issued.v1");
        headers.add(CloudEventHeaders.ID, "fixed-id".getBytes(StandardCharsets.UTF_8));

        serializer.serialize("alerts", headers, alert);

        assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo("fixed-id");
        assertThat(headers.headers(CloudEventHeaders.TYPE)).hasSize(1);
        byte[] poison = "{\"alertId\": ".getBytes(StandardCharsets.UTF_8);
        assertThat(serializer.serialize("alerts-dlt", new RecordHeaders(), poison))
                .isSameAs(poison);
    }

    private static Headers headers(String type) {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode golden(EventType<?> type) throws IOException {
        try (InputStream in =
                CloudEventSerdeTests.class.getClassLoader().getResourceAsStream("golden/" + type.name() + ".json")) {
            return JSON.readTree(in);
        }
    }
}
