package org.schoolsafety.alert;

/**
 * A request this service refuses for a reason the caller can act on. Domain code throws one of the family;
 * {@link RefusalAdvice} answers each as an RFC 9457 problem detail, so the domain knows nothing of HTTP.
 */
public abstract sealed class AlertRefusal extends RuntimeException
        permits AlertRejected, AlertNotFound, AlertForbidden, AlertConflict, AlertUnprocessable, AlertUnavailable {

    private final String field;

    AlertRefusal(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The request field the refusal is about, or {@code null} when it is about the request as a whole. */
    public String field() {
        return field;
    }

    /** What the caller reads: why, and what to do about it. */
    public String detail() {
        return getMessage();
    }
}
