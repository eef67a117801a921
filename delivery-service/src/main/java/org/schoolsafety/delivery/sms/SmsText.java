package org.schoolsafety.delivery.sms;

import org.schoolsafety.events.notification.Message;

/**
 * The body of an SMS made from a message: its own SMS rendition when the producer wrote one (an alert's
 * headline and short link). Otherwise the subject is the lead (what a locked screen shows), then a line
 * break and the text. A text that already starts with the subject does not repeat it; a blank subject or text is
 * left out. The result is then cut to the configured number of segments ({@link SmsSegments#fit}), so the subject
 * always survives and the end of a long text is what an alert loses.
 */
final class SmsText {

    private SmsText() {}

    static String of(Message message) {
        if (message.sms() != null && !message.sms().isBlank()) {
            return message.sms().strip();
        }
        String subject = message.subject().strip();
        String text = message.text().strip();
        if (subject.isEmpty()) {
            return text;
        }
        if (text.isEmpty() || text.startsWith(subject)) {
            return text.isEmpty() ? subject : text;
        }
        return subject + "\n" + text;
    }
}
