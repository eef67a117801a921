package org.schoolsafety.alert.cap;

/**
 * A message {@link CapXml#read} refuses. The {@link #reason()} is one sentence for the sender: what is wrong and, for
 * a schema error, the line it was found on. It is a client error; the stack trace is not kept because it would only
 * ever point into the reader.
 */
public class CapRejected extends RuntimeException {

    private final String reason;

    CapRejected(String reason) {
        this(reason, null);
    }

    CapRejected(String reason, Throwable cause) {
        super("CAP message refused: " + reason, cause, false, false);
        this.reason = reason;
    }

    /** What is wrong with the message, in one plain sentence. */
    public String reason() {
        return reason;
    }
}
