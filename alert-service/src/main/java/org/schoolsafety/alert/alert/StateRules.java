package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.util.Locale;
import org.schoolsafety.alert.AlertConflict;

/** Which step an alert's state allows: each refusal is a 409 naming the state, never a 500. */
final class StateRules {

    private StateRules() {}

    static void requireState(Alert alert, AlertState wanted, String verb) {
        if (alert.state() != wanted) {
            throw notNow(alert, verb);
        }
    }

    static AlertConflict notNow(Alert alert, String verb) {
        return new AlertConflict(
                "state",
                "An alert that is "
                        + alert.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " cannot be " + verb + ".");
    }

    /** Issued, not expired, and its last message on Kafka: only then may it be updated or cancelled. */
    static void requireLive(Alert alert, Instant now, String verb) {
        if (alert.state() != AlertState.ISSUED) {
            throw notNow(alert, verb);
        }
        if (alert.expired(now)) {
            throw new AlertConflict("state", "This alert has expired and can no longer be " + verb + ".");
        }
        if (!alert.published()) {
            throw new AlertConflict("state", "The last message of this alert is still being sent; try again.");
        }
    }
}
