package org.schoolsafety.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The checks of settings records that Jakarta constraints cannot make (durations, URLs), called from their compact
 * constructors. Each failure names the property, so a wrong setting stops the service at start with its name.
 */
public final class SettingChecks {

    private SettingChecks() {}

    /** A duration above zero. */
    public static void positive(String property, Duration value) {
        if (value == null || !value.isPositive()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }

    /** A duration of zero or more. */
    public static void notNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be a negative duration, not " + value);
        }
    }

    /** An absolute {@code http} or {@code https} URL with a host, or {@code null} (not set). */
    public static void httpUrl(String property, URI value) {
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
