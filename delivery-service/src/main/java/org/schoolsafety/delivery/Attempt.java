package org.schoolsafety.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt to deliver went.
 *
 * @param kind succeeded, worth retrying, or permanently failed
 * @param reference on success, what the receiver answered (an HTTP status, an SMTP reply code, a provider's
 *     message id); otherwise {@code null}
 * @param reason on failure, why, in words that name no address (e.g. {@code HTTP 503}, {@code SMTP 550});
 *     otherwise {@code null}
 * @param retryAfter how long the receiver asked us to wait before the next call ({@code Retry-After}), or
 *     {@code null}
 * @param answered the receiver answered (its latency is worth recording); {@code false} for timeouts, refused
 *     connections and attempts never made
 * @param unusable a permanent failure that says the endpoint itself is unusable (410 Gone, no such mailbox, a
 *     number that cannot receive SMS): the endpoint is disabled
 */
public record Attempt(
        Kind kind, String reference, String reason, Duration retryAfter, boolean answered, boolean unusable) {

    /** How an attempt ended. */
    public enum Kind {
        SUCCEEDED,
        RETRY,
        PERMANENT
    }

    public Attempt {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SUCCEEDED) {
            Objects.requireNonNull(reference, "reference");
        } else {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static Attempt succeeded(String reference) {
        return new Attempt(Kind.SUCCEEDED, reference, null, null, true, false);
    }

    /** A failure worth another attempt later; {@code retryAfter} may be {@code null}. */
    public static Attempt retry(String reason, Duration retryAfter, boolean answered) {
        return new Attempt(Kind.RETRY, null, reason, retryAfter, answered, false);
    }

    /** A failure no retry can mend. */
    public static Attempt permanent(String reason, boolean answered) {
        return new Attempt(Kind.PERMANENT, null, reason, null, answered, false);
    }

    /** A permanent failure that says the endpoint itself is unusable: it is disabled until verified again. */
    public static Attempt unusable(String reason) {
        return new Attempt(Kind.PERMANENT, null, reason, null, true, true);
    }

    public boolean succeeded() {
        return kind == Kind.SUCCEEDED;
    }
}
