package org.schoolsafety.alert;

/** The caller's role or organisation does not reach this (403). */
public final class AlertForbidden extends AlertRefusal {

    public AlertForbidden(String detail) {
        super(null, detail);
    }
}
