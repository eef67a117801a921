package org.schoolsafety.alert;

/** A field of the request is missing or wrong (400, naming the field). */
public final class AlertRejected extends AlertRefusal {

    public AlertRejected(String field, String detail) {
        super(field, detail);
    }
}
