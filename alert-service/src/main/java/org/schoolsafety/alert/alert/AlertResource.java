package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.util.List;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.events.alert.AlertInfo;

/**
 * An alert as the API shows it. Who wrote and approved it is shown to state staff only: a token subject is
 * never shown to other organisations.
 *
 * @param id the alert's id
 * @param state where it is in its life
 * @param expired past its CAP {@code expires}
 * @param status {@code Actual}, {@code Exercise} or {@code Test}
 * @param scope CAP scope
 * @param info what it says now
 * @param area where it applies, as written
 * @param areaDescription the CAP {@code areaDesc}
 * @param organisations how many districts, schools and agencies it covers
 * @param needsApproval whether the two-person rule applies to it
 * @param author who wrote it (state staff only)
 * @param approvedBy who approved it (state staff only)
 * @param template the pre-approved template it came from
 * @param messages the CAP messages sent for it
 * @param createdAt when it was created
 * @param changedAt when it last changed
 */
public record AlertResource(
        String id,
        AlertState state,
        boolean expired,
        String status,
        String scope,
        AlertInfo info,
        Area area,
        String areaDescription,
        int organisations,
        boolean needsApproval,
        String author,
        String approvedBy,
        String template,
        List<AlertMessage> messages,
        Instant createdAt,
        Instant changedAt) {

    static AlertResource of(Alert alert, boolean needsApproval, boolean showPeople, Instant now) {
        String status = alert.status().name();
        return new AlertResource(
                alert.id(),
                alert.state(),
                alert.expired(now),
                status.charAt(0) + status.substring(1).toLowerCase(java.util.Locale.ROOT),
                alert.scope(),
                alert.info(),
                alert.area(),
                alert.resolved().description(),
                alert.resolved().organisations(),
                needsApproval,
                showPeople ? alert.author() : null,
                showPeople ? alert.approvedBy() : null,
                alert.template(),
                alert.messages(),
                alert.createdAt(),
                alert.changedAt());
    }
}
