package org.schoolsafety.alert.alert;

import jakarta.validation.Valid;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.platform.text.Text;

/** The request bodies of the alert API besides the draft itself, and its idempotency key. */
public final class AlertRequests {

    private AlertRequests() {}

    /** Why an alert is called off, for everyone it reached. */
    public record Cancel(
            @Text(max = AlertLifecycle.NOTE_MAX, multiline = true)
            String note) {}

    /** A pre-approved template, sent to its own area or the one given. */
    record TemplateSend(@Valid Area area) {}

    /** The {@code Idempotency-Key} header: absent, or 1 to 200 characters. */
    public static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200) {
            throw new AlertRejected("Idempotency-Key", "An Idempotency-Key is 1 to 200 characters.");
        }
        return key;
    }
}
