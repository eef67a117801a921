package org.schoolsafety.alert.alert;

import java.time.Duration;
import java.time.Instant;
import org.schoolsafety.alert.area.Area;

/**
 * A pre-approved alert, reviewed in advance and kept in configuration ({@code ssn.alert.templates.<name>}), that
 * one broadcaster may send at once: the break-glass path for a lockdown. Its expiry is relative, since it is
 * written before anyone knows when it will be sent; its area may be given when it is sent.
 *
 * @param status CAP status
 * @param scope CAP scope
 * @param info what it says ({@code expires} is ignored; see {@code validFor})
 * @param validFor how long after sending it expires
 * @param area where it applies unless the sender names another area
 */
public record AlertTemplate(String status, String scope, AlertDraft.Info info, Duration validFor, Area area) {

    /** The draft this template makes when sent now, to {@code area} or its own. */
    AlertDraft draft(Instant now, Area chosen) {
        AlertDraft.Info i = info;
        Duration valid = validFor == null ? Duration.ofHours(4) : validFor;
        AlertDraft.Info timed = i == null
                ? null
                : new AlertDraft.Info(
                        i.category(),
                        i.event(),
                        i.urgency(),
                        i.severity(),
                        i.certainty(),
                        i.headline(),
                        i.description(),
                        i.instruction(),
                        now.plus(valid),
                        i.web(),
                        i.contact());
        return new AlertDraft(status, scope, timed, chosen != null && !chosen.isEmpty() ? chosen : area);
    }
}
