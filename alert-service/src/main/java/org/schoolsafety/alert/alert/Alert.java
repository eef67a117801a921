package org.schoolsafety.alert.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.area.ResolvedArea;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertStatus;

/**
 * An urgent alert as alert-service keeps it: what it says, where it applies, who wrote and approved it, and
 * every CAP message sent for it. Stored whole in Redis; {@code revision} guards each change against a
 * concurrent one (two approvers, a double click on "issue").
 *
 * @param id the platform's id: short, unguessable, used in links
 * @param revision increases with every change
 * @param state where it is in its life
 * @param status CAP status: actual, exercise or test
 * @param scope CAP scope: {@code Public} (also on the public feed) or {@code Restricted}
 * @param sender CAP sender
 * @param info what it says, now
 * @param area where it applies, as written
 * @param resolved where it applies, as the directory knows it
 * @param author the token subject that created it
 * @param authorOrganisation the author's organisation
 * @param template the pre-approved template it came from, or {@code null}
 * @param approvedBy the subject who approved it, or {@code null}
 * @param messages the CAP messages sent, oldest first; empty until issued
 * @param published whether the last message is on Kafka; an issue interrupted before that is published again
 * @param createdAt when it was created
 * @param changedAt when it last changed
 */
public record Alert(
        String id,
        long revision,
        AlertState state,
        AlertStatus status,
        String scope,
        String sender,
        AlertInfo info,
        Area area,
        ResolvedArea resolved,
        String author,
        String authorOrganisation,
        String template,
        String approvedBy,
        List<AlertMessage> messages,
        boolean published,
        Instant createdAt,
        Instant changedAt) {

    public Alert {
        messages = List.copyOf(messages);
    }

    /** The last message sent, or {@code null} before the alert is issued. */
    public AlertMessage current() {
        return messages.isEmpty() ? null : messages.getLast();
    }

    /** Whether the alert has passed its CAP {@code expires}. */
    public boolean expired(Instant now) {
        return info.expires() != null && !now.isBefore(info.expires());
    }

    /** Whether it still applies: issued, not cancelled, not expired. */
    public boolean active(Instant now) {
        return state == AlertState.ISSUED && !expired(now);
    }

    /** A drill or a test, which only endpoints that opted in receive. */
    public boolean drill() {
        return status != AlertStatus.ACTUAL;
    }

    Alert next(AlertState newState, Instant at) {
        return new Alert(
                id,
                revision + 1,
                newState,
                status,
                scope,
                sender,
                info,
                area,
                resolved,
                author,
                authorOrganisation,
                template,
                approvedBy,
                messages,
                published,
                createdAt,
                at);
    }

    Alert approvedBy(String approver, Instant at) {
        return new Alert(
                id,
                revision + 1,
                AlertState.READY,
                status,
                scope,
                sender,
                info,
                area,
                resolved,
                author,
                authorOrganisation,
                template,
                approver,
                messages,
                published,
                createdAt,
                at);
    }

    Alert withMessage(AlertState newState, AlertInfo newInfo, AlertMessage message, Instant at) {
        List<AlertMessage> all = new ArrayList<>(messages);
        all.add(message);
        return new Alert(
                id,
                revision + 1,
                newState,
                status,
                scope,
                sender,
                newInfo,
                area,
                resolved,
                author,
                authorOrganisation,
                template,
                approvedBy,
                all,
                false,
                createdAt,
                at);
    }

    Alert markPublished() {
        return new Alert(
                id,
                revision + 1,
                state,
                status,
                scope,
                sender,
                info,
                area,
                resolved,
                author,
                authorOrganisation,
                template,
                approvedBy,
                messages,
                true,
                createdAt,
                changedAt);
    }

    Alert withRevision(long newRevision) {
        return new Alert(
                id,
                newRevision,
                state,
                status,
                scope,
                sender,
                info,
                area,
                resolved,
                author,
                authorOrganisation,
                template,
                approvedBy,
                messages,
                published,
                createdAt,
                changedAt);
    }
}
