package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One CAP message sent for an alert: the first ({@code Alert}), each correction ({@code Update}) and the
 * {@code Cancel}. Each is its own notification, so each reaches the audience once.
 *
 * @param number 1 for the first message
 * @param msgType CAP {@code msgType}: {@code Alert}, {@code Update} or {@code Cancel}
 * @param identifier CAP {@code identifier}
 * @param sent CAP {@code sent}
 * @param notificationId the notification that carried it; delivery ids derive from it
 * @param summary for an update, what changed; for a cancel, why; empty for the first message
 */
public record AlertMessage(
        int number, String msgType, String identifier, Instant sent, String notificationId, String summary) {

    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** CAP's way to name a message in {@code references}: {@code sender,identifier,sent}. */
    public String reference(String sender, String sentText) {
        return sender + "," + identifier + "," + sentText;
    }

    /** CAP's date-time: seconds, a numeric offset, never {@code Z}. */
    public static String capTime(Instant instant) {
        return CAP_TIME.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
