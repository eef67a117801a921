package org.schoolsafety.alert;

/** Well formed, but it cannot be done as asked: an idempotency key reused for another request (422). */
public final class AlertUnprocessable extends AlertRefusal {

    public AlertUnprocessable(String field, String detail) {
        super(field, detail);
    }
}
