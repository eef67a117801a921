package org.schoolsafety.platform.kafka;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure to apply a record that goes away by itself (the store is down or slow) from one that comes back
 * every time (the record does not fit the view). Decided here once, so every {@link TopicView} waits for its store
 * the same way and skips a poison record the same way.
 */
final class ViewFailures {

    private ViewFailures() {}

    /** Whether {@code failure}, or anything that caused it, says the store could not be reached in time. */
    static boolean isTransient(Throwable failure) {
        // a pipeline or a wrapper may hide the connection failure behind a permanent-looking exception
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof TransientDataAccessException
                    || each instanceof DataAccessResourceFailureException
                    || each instanceof RecoverableDataAccessException
                    || each instanceof SocketException
                    || each instanceof SocketTimeoutException
                    || each instanceof TimeoutException
                    || each instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure as its exception types, outermost first. Never the messages: they may quote the record, and a
     * record may carry personal data.
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable each = failure; each != null && depth < 8; each = each.getCause(), depth++) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(each.getClass().getName());
            if (each.getCause() == each) {
                break;
            }
        }
        return text.toString();
    }
}
