package org.schoolsafety.bulletin.training;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import org.schoolsafety.bulletin.BulletinRefusal;

/**
 * A training as an editor sends it, to add or to replace one. {@link #toTraining} refuses what is missing or wrong,
 * naming the field.
 */
record TrainingRequest(
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        String place,
        String onlineUrl,
        String registrationUrl) {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_PLACE = 300;
    static final int MAX_URL = 2000;

    Training toTraining(String id, Instant now) {
        String title = required("title", this.title, MAX_TITLE);
        String description = optional("description", this.description, MAX_DESCRIPTION, true);
        if (startsAt == null) {
            throw new BulletinRefusal.Rejected("startsAt", "Give when the training starts (ISO-8601 with an offset).");
        }
        if (endsAt == null) {
            throw new BulletinRefusal.Rejected("endsAt", "Give when the training ends (ISO-8601 with an offset).");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new BulletinRefusal.Rejected("endsAt", "A training ends after it starts.");
        }
        String place = optional("place", this.place, MAX_PLACE, false);
        String online = https("onlineUrl", onlineUrl);
        String registration = https("registrationUrl", registrationUrl);
        if (place == null && online == null) {
            throw new BulletinRefusal.Rejected("place", "Give a place, an onlineUrl, or both.");
        }
        return new Training(
                id, title, description == null ? "" : description, startsAt, endsAt, place, online, registration, now);
    }

    private static String required(String field, String value, int max) {
        String text = optional(field, value, max, false);
        if (text == null) {
            throw new BulletinRefusal.Rejected(field, "The " + field + " must not be empty.");
        }
        return text;
    }

    /** The value stripped, or {@code null} when blank; control characters (line breaks where allowed) refused. */
    private static String optional(String field, String value, int max, boolean lines) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new BulletinRefusal.Rejected(field, "The " + field + " takes at most " + max + " characters.");
        }
        boolean control = text.chars()
                .anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t')));
        if (control) {
            throw new BulletinRefusal.Rejected(field, "The " + field + " must not hold control characters.");
        }
        return text;
    }

    private static String https(String field, String value) {
        String text = optional(field, value, MAX_URL, false);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if ("https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new BulletinRefusal.Rejected(field, "The " + field + " must be an absolute https URL.");
    }
}
