package org.schoolsafety.platform.kafka;

import org.schoolsafety.events.notification.Message;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Message} as its mapper would, remembering the JSON of the last one. An audience expansion puts
 * the same message instance (an alert's email, SMS, CAP XML renditions: kilobytes) into ten thousand delivery
 * requests in a row; the text is escaped once and then copied as UTF-8 bytes. Messages are immutable records, so
 * the same instance always has the same JSON; any other instance is written afresh.
 */
final class RepeatedMessageSerializer extends ValueSerializer<Message> {

    private record Written(Message message, SerializedString json) {}

    private final JsonMapper plain;
    private volatile Written last;

    /** @param plain a mapper of the same configuration without this serializer */
    RepeatedMessageSerializer(JsonMapper plain) {
        this.plain = plain;
    }

    @Override
    public void serialize(Message message, JsonGenerator generator, SerializationContext context) {
        Written written = last;
        if (written == null || written.message() != message) {
            written = new Written(message, new SerializedString(plain.writeValueAsString(message)));
            last = written;
        }
        generator.writeRawValue(written.json());
    }
}
