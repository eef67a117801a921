package org.schoolsafety.events.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * The CAP 1.2 {@code info} block of an alert.
 *
 * @param category CAP category, e.g. {@code Safety}, {@code Security}, {@code Met}
 * @param event what happened, e.g. {@code Lockdown}
 * @param urgency CAP urgency: {@code Immediate}, {@code Expected}, {@code Future}, {@code Past}, {@code Unknown}
 * @param severity CAP severity: {@code Extreme}, {@code Severe}, {@code Moderate}, {@code Minor}, {@code Unknown}
 * @param certainty CAP certainty: {@code Observed}, {@code Likely}, {@code Possible}, {@code Unlikely},
 *     {@code Unknown}
 * @param headline one line
 * @param description what is happening
 * @param instruction what recipients should do
 * @param expires when the alert stops applying, or {@code null}
 * @param web a page with more about it (CAP {@code web}), or {@code null}
 * @param contact whom recipients may call about it (CAP {@code contact}), or {@code null}
 */
public record AlertInfo(
        String category,
        String event,
        String urgency,
        String severity,
        String certainty,
        String headline,
        String description,
        String instruction,
        Instant expires,
        String web,
        String contact) {

    public AlertInfo {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(certainty, "certainty");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(instruction, "instruction");
    }

    /** An info block without a web page or contact. */
    public AlertInfo(
            String category,
            String event,
            String urgency,
            String severity,
            String certainty,
            String headline,
            String description,
            String instruction,
            Instant expires) {
        this(category, event, urgency, severity, certainty, headline, description, instruction, expires, null, null);
    }
}
