package org.schoolsafety.alert.alert;

import jakarta.validation.Valid;
import java.time.Instant;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.platform.text.Text;

/**
 * An alert as state staff write it (the JSON API, or a CAP import turned into the same shape). Everything is
 * checked by {@link DraftCheck} with a problem naming the field; nothing here is trusted as it comes.
 *
 * @param status CAP status: {@code Actual}, {@code Exercise} or {@code Test}
 * @param scope CAP scope: {@code Public} (default) or {@code Restricted} (left out of the public feed)
 * @param info what the alert says
 * @param area where it applies
 */
public record AlertDraft(
        @Text(max = 20) String status,
        @Text(max = 20) String scope,
        @Valid Info info,
        @Valid Area area) {

    /**
     * The CAP {@code info} of the alert.
     *
     * @param category CAP category, e.g. {@code Security}
     * @param event what is happening, e.g. {@code Lockdown}
     * @param urgency CAP urgency
     * @param severity CAP severity
     * @param certainty CAP certainty
     * @param headline one line, what an SMS and a locked screen show
     * @param description what is happening
     * @param instruction what recipients should do
     * @param expires when it stops applying (required: an alert with no end is never off the feed)
     * @param web an https page with more, or none
     * @param contact whom to call about it, or none
     */
    public record Info(
            @Text(max = 20) String category,
            @Text(max = DraftCheck.EVENT_MAX) String event,
            @Text(max = 20) String urgency,
            @Text(max = 20) String severity,
            @Text(max = 20) String certainty,
            @Text(max = DraftCheck.HEADLINE_MAX) String headline,

            @Text(max = DraftCheck.DESCRIPTION_MAX, multiline = true)
            String description,

            @Text(max = DraftCheck.INSTRUCTION_MAX, multiline = true)
            String instruction,

            Instant expires,
            @Text(max = DraftCheck.WEB_MAX) String web,
            @Text(max = DraftCheck.CONTACT_MAX) String contact) {}
}
