package org.schoolsafety.alert.alert;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.cap.CapVocabulary;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertStatus;

/**
 * What makes an alert well formed, field by field: CAP's value lists, lengths that every channel can carry,
 * an expiry in the future. Each refusal is a 400 problem naming the field, so a form can point at it.
 */
final class DraftCheck {

    static final Set<String> SCOPES = Set.of("Public", "Restricted");

    /** CAP advises headlines under 160 characters; an SMS must carry it with a link. */
    static final int HEADLINE_MAX = 160;

    static final int EVENT_MAX = 100;
    static final int DESCRIPTION_MAX = 4000;
    static final int INSTRUCTION_MAX = 2000;
    static final int CONTACT_MAX = 200;
    static final int WEB_MAX = 500;

    /** The longest an alert may apply before it must be sent again. */
    static final Duration LONGEST = Duration.ofDays(31);

    private DraftCheck() {}

    static AlertStatus status(String status) {
        if (status == null || status.isBlank()) {
            throw new AlertRejected("status", "Say whether this is an Actual alert, an Exercise or a Test.");
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "actual" -> AlertStatus.ACTUAL;
            case "exercise" -> AlertStatus.EXERCISE;
            case "test" -> AlertStatus.TEST;
            default -> throw new AlertRejected("status", "Status is Actual, Exercise or Test.");
        };
    }

    static String scope(String scope) {
        if (scope == null || scope.isBlank()) {
            return "Public";
        }
        if (!SCOPES.contains(scope.strip())) {
            throw new AlertRejected("scope", "Scope is Public or Restricted.");
        }
        return scope.strip();
    }

    static AlertInfo info(AlertDraft.Info info, Instant now) {
        if (info == null) {
            throw new AlertRejected("info", "Say what the alert is: event, headline, description, instruction.");
        }
        return new AlertInfo(
                oneOf("info.category", info.category(), CapVocabulary.CATEGORY),
                text("info.event", info.event(), EVENT_MAX),
                oneOf("info.urgency", info.urgency(), CapVocabulary.URGENCY),
                oneOf("info.severity", info.severity(), CapVocabulary.SEVERITY),
                oneOf("info.certainty", info.certainty(), CapVocabulary.CERTAINTY),
                text("info.headline", info.headline(), HEADLINE_MAX),
                text("info.description", info.description(), DESCRIPTION_MAX),
                text("info.instruction", info.instruction(), INSTRUCTION_MAX),
                expires(info.expires(), now),
                web(info.web()),
                optional("info.contact", info.contact(), CONTACT_MAX));
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value.strip())) {
            throw new AlertRejected(
                    field,
                    "Use one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return value.strip();
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new AlertRejected(field, "Required.");
        }
        return bounded(field, value, max);
    }

    private static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : bounded(field, value, max);
    }

    private static String bounded(String field, String value, int max) {
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new AlertRejected(field, "At most " + max + " characters; this has " + stripped.length() + ".");
        }
        if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            throw new AlertRejected(field, "Contains control characters.");
        }
        return stripped;
    }

    private static Instant expires(Instant expires, Instant now) {
        if (expires == null) {
            throw new AlertRejected("info.expires", "Say when the alert stops applying.");
        }
        if (!expires.isAfter(now)) {
            throw new AlertRejected("info.expires", "The expiry " + expires + " is in the past.");
        }
        if (expires.isAfter(now.plus(LONGEST))) {
            throw new AlertRejected("info.expires", "An alert applies for at most " + LONGEST.toDays() + " days.");
        }
        return expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String web(String web) {
        String value = optional("info.web", web, WEB_MAX);
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new AlertRejected("info.web", "Give an https address.");
            }
        } catch (IllegalArgumentException e) {
            throw new AlertRejected("info.web", "Not a web address.");
        }
        return value;
    }
}
