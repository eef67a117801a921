package org.schoolsafety.alert;

/** The request fits, but not the alert's current state (409, naming the field when there is one). */
public final class AlertConflict extends AlertRefusal {

    public AlertConflict(String field, String detail) {
        super(field, detail);
    }
}
