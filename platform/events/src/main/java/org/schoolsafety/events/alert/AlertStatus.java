package org.schoolsafety.events.alert;

/** CAP 1.2 {@code status}, limited to the values this platform sends. */
public enum AlertStatus {
    /** Actionable by all targeted recipients. */
    ACTUAL,
    /** A drill: only endpoints that opted in to drills receive it. */
    EXERCISE,
    /** A technical test: only endpoints that opted in receive it. */
    TEST
}
