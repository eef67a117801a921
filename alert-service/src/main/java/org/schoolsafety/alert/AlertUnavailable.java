package org.schoolsafety.alert;

/** A store or the broker did not answer, and a retry may succeed (503). */
public final class AlertUnavailable extends AlertRefusal {

    public AlertUnavailable(String detail) {
        super(null, detail);
    }
}
