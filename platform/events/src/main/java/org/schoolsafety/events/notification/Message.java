package org.schoolsafety.events.notification;

import java.util.Objects;

/**
 * The content every channel renders from: email uses all three parts, SMS the text, webhooks the JSON
 * event or CAP XML built from the source.
 *
 * @param subject one line, also the SMS lead
 * @param text plain text body
 * @param html HTML body, or {@code null} for text-only messages
 */
public record Message(String subject, String text, String html) {

    public Message {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}
