package org.schoolsafety.platform.web;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads an instant from request JSON: ISO-8601 text with an offset ({@code 2026-12-07T18:00:00Z}), or whole
 * seconds since 1970. A time outside the years 1970 to 9999, a fraction of a second given as a number, or any
 * other shape is refused; Jackson's own reader turned {@code 1e300} into 1970-01-01.
 */
final class BoundedInstants extends StdScalarDeserializer<Instant> {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    BoundedInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString().strip();
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeException e) {
                return (Instant) context.handleWeirdStringValue(
                        Instant.class, text, "expected an ISO-8601 time with an offset, such as 2026-12-07T18:00:00Z");
            }
            return bounded(instant, text, context);
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            BigDecimal seconds = parser.getDecimalValue();
            if (seconds.compareTo(BigDecimal.valueOf(EARLIEST.getEpochSecond())) < 0
                    || seconds.compareTo(BigDecimal.valueOf(LATEST.getEpochSecond())) > 0) {
                return (Instant) context.handleWeirdNumberValue(
                        Instant.class, seconds, "a time lies between the years 1970 and 9999");
            }
            return Instant.ofEpochSecond(seconds.longValueExact());
        }
        return (Instant) context.handleUnexpectedToken(
                context.constructType(Instant.class),
                token,
                parser,
                "expected an ISO-8601 time such as 2026-12-07T18:00:00Z");
    }

    private static Instant bounded(Instant instant, String text, DeserializationContext context) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return (Instant)
                    context.handleWeirdStringValue(Instant.class, text, "a time lies between the years 1970 and 9999");
        }
        return instant;
    }
}
