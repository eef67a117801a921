package org.schoolsafety.events.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A privileged action was taken (send, approve, cancel, change of endpoint or secret). Append-only topic
 * {@code audit}, keyed by {@code organisationId} of the actor; any service may produce it.
 *
 * @param auditId unique id
 * @param actor the authenticated subject (user or client id), never an email address
 * @param organisationId the actor's organisation
 * @param action what was done, e.g. {@code alert.approve}
 * @param target what it was done to, e.g. {@code alert/7f3c…}
 * @param outcome {@code allowed} or {@code denied}
 * @param at when
 */
public record AuditRecorded(
        String auditId, String actor, String organisationId, String action, String target, String outcome, Instant at) {

    public AuditRecorded {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
