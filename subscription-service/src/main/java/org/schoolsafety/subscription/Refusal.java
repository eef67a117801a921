package org.schoolsafety.subscription;

/**
 * Why the service refuses a command, in the directory's own terms; {@link RefusalAdvice} answers each over HTTP
 * as an RFC 9457 problem detail. {@link #field()} names the input at fault, when there is one.
 */
public abstract sealed class Refusal extends RuntimeException {

    private final String field;

    private Refusal(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The input at fault, or {@code null} when the refusal concerns no one field. */
    public String field() {
        return field;
    }

    /** What the caller is told. */
    public String detail() {
        return getMessage();
    }

    /** Nothing with this id exists in the caller's part of the directory. */
    public static final class NotFound extends Refusal {
        public NotFound(String detail) {
            super(null, detail);
        }
    }

    /** The caller's role or organisation does not allow this change. */
    public static final class NotAllowed extends Refusal {
        public NotAllowed(String detail) {
            super(null, detail);
        }
    }

    /** A field of the command is missing or wrong. */
    public static final class Invalid extends Refusal {
        public Invalid(String field, String detail) {
            super(field, detail);
        }
    }

    /** The command is well formed, but does not fit the directory as it stands. */
    public static final class Conflict extends Refusal {
        public Conflict(String field, String detail) {
            super(field, detail);
        }
    }

    /** What a recipient's link names is gone for good: the link expired, or the endpoint was removed. */
    public static final class Gone extends Refusal {
        public Gone(String detail) {
            super(null, detail);
        }
    }

    /** The {@code directory} topic did not confirm a change: it may or may not have happened. */
    public static final class NotConfirmed extends Refusal {
        public NotConfirmed(String detail, Throwable cause) {
            super(null, detail);
            initCause(cause);
        }
    }
}
