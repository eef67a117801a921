package org.schoolsafety.delivery;

/** This attempt failed and may be retried: thrown to the listener so the retry topics take the request. */
final class AttemptFailed extends RuntimeException {

    AttemptFailed(String reason) {
        super(reason, null, false, false);
    }
}
