package org.schoolsafety.alert.cap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A CAP {@code <info>}: the alert as told in one language to one audience. CAP requires at least one category, the
 * event, urgency, severity and certainty; every other field is null when absent, and lists are never null.
 *
 * <p>CAP's {@code <resource>} elements (attached images, audio, documents, often large and base64-encoded) are not
 * part of this record: {@link CapXml#read} accepts messages that carry them and skips them, so a message read and
 * written again has none. Times keep the offset they were read with.
 */
public record CapInfo(
        String language,
        List<String> categories,
        String event,
        List<String> responseTypes,
        String urgency,
        String severity,
        String certainty,
        String audience,
        List<CapValue> eventCodes,
        OffsetDateTime effective,
        OffsetDateTime onset,
        OffsetDateTime expires,
        String senderName,
        String headline,
        String description,
        String instruction,
        String web,
        String contact,
        List<CapValue> parameters,
        List<CapArea> areas) {

    public CapInfo {
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a CAP info has at least one category");
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(certainty, "certainty");
        responseTypes = responseTypes == null ? List.of() : List.copyOf(responseTypes);
        eventCodes = eventCodes == null ? List.of() : List.copyOf(eventCodes);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        areas = areas == null ? List.of() : List.copyOf(areas);
    }
}
