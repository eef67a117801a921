package org.schoolsafety.delivery.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** The checks Jakarta constraints cannot make (durations, URLs); each failure names the property. */
final class Checks {

    private Checks() {}

    static void positive(Duration value, String property) {
        if (value == null || !value.isPositive()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }

    static void notNegative(Duration value, String property) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be a negative duration, not " + value);
        }
    }

    /** An absolute {@code http} or {@code https} URL with a host, or {@code null} (not set). */
    static void httpUrl(URI value, String property) {
        if (value == null) {
            return;
        }
        String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
        if (!value.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || value.getHost() == null) {
            throw new IllegalArgumentException(
                    property + " must be an absolute http or https URL with a host, not '" + value + "'");
        }
    }
}
