package org.schoolsafety.subscription.directory;

import java.util.List;

/** The severities of cyber advisories, lowest first: an endpoint's minimum and an advisory's severity. */
public final class Severities {

    /** Advisory severities, lowest first. */
    public static final List<String> LOWEST_FIRST = List.of("low", "medium", "high", "critical");

    private Severities() {}

    /** Whether {@code severity} is at or above {@code minimum} (both among {@link #LOWEST_FIRST}). */
    public static boolean atLeast(String severity, String minimum) {
        return LOWEST_FIRST.indexOf(severity) >= LOWEST_FIRST.indexOf(minimum);
    }
}
