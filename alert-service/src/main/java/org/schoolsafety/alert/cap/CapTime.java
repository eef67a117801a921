package org.schoolsafety.alert.cap;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * CAP 1.2 times: {@code YYYY-MM-DDThh:mm:ss±hh:mm}, no {@code Z} and no fractions of a second (the XSD's pattern).
 * Written by hand rather than with a formatter because the form is fixed, the writer is on the hot path, and a
 * formatter would print an offset with seconds (a historical local mean time) in a form CAP does not allow.
 */
final class CapTime {

    private CapTime() {}

    /**
     * Reads a time the XSD has accepted. CAP's {@code -00:00} (UTC) reads as {@link ZoneOffset#UTC}; every other
     * offset is kept as it was written.
     */
    static OffsetDateTime parse(String text, String element) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // xs:dateTime allows 24:00:00 and a few other forms java.time does not
            throw new CapRejected(
                    "not valid CAP 1.2: <" + element + "> " + text + " is not a time that can be read", e);
        }
    }

    /** Appends the time in CAP form; UTC is written {@code +00:00}. */
    static void append(StringBuilder out, String element, OffsetDateTime time) {
        OffsetDateTime t =
                time.getOffset().getTotalSeconds() % 60 == 0 ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("<" + element + "> " + time + ": CAP writes years 0001 to 9999 only");
        }
        int offsetMinutes = t.getOffset().getTotalSeconds() / 60;
        pad(out, year, 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        out.append(offsetMinutes < 0 ? '-' : '+');
        pad(out, Math.abs(offsetMinutes) / 60, 2).append(':');
        pad(out, Math.abs(offsetMinutes) % 60, 2);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int digits = 1, power = 10; digits < width; digits++, power *= 10) {
            if (value < power) {
                out.append('0');
            }
        }
        return out.append(value);
    }
}
