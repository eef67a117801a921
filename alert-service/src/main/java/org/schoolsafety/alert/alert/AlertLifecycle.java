package org.schoolsafety.alert.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.schoolsafety.alert.AlertConflict;
import org.schoolsafety.alert.AlertForbidden;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.AlertUnavailable;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.area.AreaResolver;
import org.schoolsafety.alert.area.ResolvedArea;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertStatus;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The life of an alert: draft, submit, approve (the two-person rule), issue, update, cancel. Each step is a
 * compare-and-set in the store and an audit record; issuing, updating and cancelling also publish one CAP
 * message to the whole audience. A step that cannot be taken is a refusal saying why, never a 500. Reading
 * alerts is {@link AlertQueries}.
 */
@Service
public class AlertLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertLifecycle.class);

    /** The longest note of a cancel: what recipients read about why the alert is off. */
    static final int NOTE_MAX = 500;

    private final AlertStore store;
    private final AlertQueries queries;
    private final AlertPublisher publisher;
    private final AreaResolver areas;
    private final ApprovalPolicy approvals;
    private final AlertSettings properties;
    private final Clock clock;

    AlertLifecycle(
            AlertStore store,
            AlertQueries queries,
            AlertPublisher publisher,
            AreaResolver areas,
            ApprovalPolicy approvals,
            AlertSettings properties,
            Clock clock) {
        this.store = store;
        this.queries = queries;
        this.publisher = publisher;
        this.areas = areas;
        this.approvals = approvals;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new draft, or the one this caller already made with the same idempotency key. */
    public Alert create(Caller caller, AlertDraft draft, String template, String idempotencyKey, String body) {
        Drafted drafted = draft(caller, draft, template, idempotencyKey, body);
        if (drafted.created()) {
            publisher.audit(drafted.audit());
        }
        return drafted.alert();
    }

    /** A draft just stored ({@code created}, with its audit record still to publish), or the one the key made. */
    private record Drafted(Alert alert, boolean created, AuditRecorded audit) {}

    private Drafted draft(Caller caller, AlertDraft draft, String template, String idempotencyKey, String body) {
        Instant now = clock.instant();
        if (draft == null) {
            throw new AlertRejected(null, "Send the alert as JSON (status, scope, info, area) or CAP 1.2 XML.");
        }
        AlertStatus status = DraftCheck.status(draft.status());
        String scope = DraftCheck.scope(draft.scope());
        AlertInfo info = DraftCheck.info(draft.info(), now);
        ResolvedArea resolved = areas.resolve(draft.area(), "area");
        Alert alert = new Alert(
                AlertIds.next(),
                1,
                AlertState.DRAFT,
                status,
                scope,
                properties.sender(),
                info,
                draft.area(),
                resolved,
                caller.subject(),
                caller.organisationId(),
                template,
                null,
                List.of(),
                false,
                now,
                now);
        String id = store.create(alert, idempotencyKey, body);
        if (!id.equals(alert.id())) {
            return new Drafted(queries.get(id), false, null);
        }
        return new Drafted(alert, true, AlertPublisher.audit(caller, "alert.create", id, true, now));
    }

    /**
     * The break-glass path: a pre-approved template sent by one broadcaster at once, to its own area or the one
     * given. A retry with the same idempotency key returns the alert already sent.
     */
    Alert issueTemplate(Caller caller, String name, Area area, String key, String body) {
        AlertTemplate template = properties.templates().get(name);
        if (template == null) {
            throw new AlertNotFound("No pre-approved template named " + name + ".");
        }
        Drafted drafted = draft(caller, template.draft(clock.instant(), area), name, key, body);
        if (drafted.created()) {
            // one transaction for the whole break-glass call: the draft's audit goes out with the alert
            return issue(caller, drafted.alert(), List.of(drafted.audit()));
        }
        Alert alert = drafted.alert();
        return alert.state() == AlertState.DRAFT ? issue(caller, alert, List.of()) : alert;
    }

    /** Ready to issue, or waiting for a second person when the two-person rule applies. */
    Alert submit(Caller caller, String id) {
        Alert alert = queries.get(id);
        StateRules.requireState(alert, AlertState.DRAFT, "submitted");
        boolean needs = approvals.needsApproval(alert.status(), alert.resolved(), alert.template());
        Alert submitted = alert.next(needs ? AlertState.AWAITING_APPROVAL : AlertState.READY, clock.instant());
        store.replace(alert, submitted);
        publisher.audit(AlertPublisher.audit(caller, "alert.submit", id, true, submitted.changedAt()));
        return submitted;
    }

    /** The second person's approval: an approver who did not write the alert. */
    Alert approve(Caller caller, String id) {
        Alert alert = queries.get(id);
        Instant now = clock.instant();
        if (!caller.hasAnyRole(Role.STATE_APPROVER)) {
            publisher.audit(AlertPublisher.audit(caller, "alert.approve", id, false, now));
            throw new AlertForbidden("Approving an alert takes the approver role.");
        }
        if (caller.subject().equals(alert.author())) {
            publisher.audit(AlertPublisher.audit(caller, "alert.approve", id, false, now));
            throw new AlertForbidden("The author of an alert cannot approve it; a second person must.");
        }
        StateRules.requireState(alert, AlertState.AWAITING_APPROVAL, "approved");
        Alert approved = alert.approvedBy(caller.subject(), now);
        store.replace(alert, approved);
        publisher.audit(AlertPublisher.audit(caller, "alert.approve", id, true, now));
        return approved;
    }

    /** Sends the alert. A draft that needs no approval may be issued at once. */
    Alert issue(Caller caller, String id) {
        return issue(caller, queries.get(id), List.of());
    }

    private Alert issue(Caller caller, Alert alert, List<AuditRecorded> earlier) {
        String id = alert.id();
        Instant now = clock.instant();
        boolean needs = approvals.needsApproval(alert.status(), alert.resolved(), alert.template());
        if (alert.state() == AlertState.AWAITING_APPROVAL || (alert.state() == AlertState.DRAFT && needs)) {
            publisher.audit(AlertPublisher.audit(caller, "alert.issue", id, false, now));
            throw new AlertConflict(
                    "state",
                    "This alert needs approval by a second person with the approver role before it is issued. "
                            + approvals.why(alert.resolved()));
        }
        if (alert.state() != AlertState.READY && alert.state() != AlertState.DRAFT) {
            throw StateRules.notNow(alert, "issued");
        }
        if (alert.expired(now)) {
            throw new AlertConflict("info.expires", "This alert expired before it was issued.");
        }
        return send(caller, alert, AlertState.ISSUED, alert.info(), "Alert", "", "alert.issue", now, earlier);
    }

    /** A correction that reaches everyone the alert reached; the area stays the same. */
    public Alert update(Caller caller, String id, AlertDraft.Info newInfo) {
        Alert alert = queries.get(id);
        Instant now = clock.instant();
        StateRules.requireLive(alert, now, "updated");
        AlertInfo info = DraftCheck.info(newInfo, now);
        String changed = Changes.between(alert.info(), info);
        if (changed.isEmpty()) {
            throw new AlertRejected("info", "Nothing changed; an update must say something new.");
        }
        return send(caller, alert, AlertState.ISSUED, info, "Update", changed, "alert.update", now, List.of());
    }

    /** Calls the alert off everywhere it went. */
    public Alert cancel(Caller caller, String id, String note) {
        Alert alert = queries.get(id);
        Instant now = clock.instant();
        StateRules.requireLive(alert, now, "cancelled");
        String why = note == null || note.isBlank() ? "The alert has been called off." : note.strip();
        if (why.codePointCount(0, why.length()) > NOTE_MAX) {
            throw new AlertRejected("note", "At most " + NOTE_MAX + " characters.");
        }
        return send(caller, alert, AlertState.CANCELLED, alert.info(), "Cancel", why, "alert.cancel", now, List.of());
    }

    private Alert send(
            Caller caller,
            Alert alert,
            AlertState state,
            AlertInfo info,
            String msgType,
            String summary,
            String action,
            Instant now,
            List<AuditRecorded> earlier) {
        int number = alert.messages().size() + 1;
        AlertMessage message = new AlertMessage(
                number,
                msgType,
                properties.identifierPrefix() + "-" + alert.id() + "-" + number,
                now.truncatedTo(ChronoUnit.SECONDS),
                alert.id() + "-m" + number,
                summary);
        Alert sent = alert.withMessage(state, info, message, now);
        store.replace(alert, sent);
        List<AuditRecorded> audits = new ArrayList<>(earlier);
        audits.add(AlertPublisher.audit(caller, action, alert.id(), true, now));
        try {
            publisher.publish(sent, message, audits);
        } catch (RuntimeException e) {
            // not on Kafka: put the alert back as it was, so that what the caller sees is what happened
            log.error("alert {} message {} not published; restoring its previous state", alert.id(), number, e);
            store.replace(sent, alert.withRevision(sent.revision() + 1));
            earlier.forEach(publisher::auditQuietly); // the draft does exist
            if (!AlertPublisher.brokerFailure(e)) {
                throw e; // not a broker outage: a retry cannot succeed, so no "try again" (a 500 problem detail)
            }
            throw new AlertUnavailable(
                    "The message could not be handed to the broker, so nothing was sent. " + "Try again.");
        }
        Alert published = sent.markPublished();
        store.replacePublished(sent, published, message.identifier());
        return published;
    }
}
