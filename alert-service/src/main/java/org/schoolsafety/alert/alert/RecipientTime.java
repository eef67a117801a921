package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A time as recipients in Missouri read it, in every message and page that shows one. */
public final class RecipientTime {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d, h:mm a z", Locale.US).withZone(ZoneId.of("America/Chicago"));

    private RecipientTime() {}

    /** The time, or "further notice" for none (an alert without expiry). */
    public static String of(Instant instant) {
        return instant == null ? "further notice" : WHEN.format(instant);
    }
}
