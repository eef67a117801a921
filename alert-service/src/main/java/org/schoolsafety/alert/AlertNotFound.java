package org.schoolsafety.alert;

/** Nothing with this id exists, or not for this caller (404). */
public final class AlertNotFound extends AlertRefusal {

    public AlertNotFound(String detail) {
        super(null, detail);
    }
}
