package org.schoolsafety.alert.alert;

import java.net.URI;
import java.time.Clock;
import org.schoolsafety.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Alerts as the API shows them to a caller: who wrote and approved one is for state staff only. */
@Component
public class AlertResources {

    private final ApprovalPolicy approvals;
    private final Clock clock;

    AlertResources(ApprovalPolicy approvals, Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
    }

    public AlertResource of(Alert alert, Caller caller) {
        return AlertResource.of(
                alert,
                approvals.needsApproval(alert.status(), alert.resolved(), alert.template()),
                AlertAccess.isState(caller),
                clock.instant());
    }

    /** A 201 with the new alert and its address. */
    public ResponseEntity<AlertResource> created(Alert alert, Caller caller) {
        return ResponseEntity.created(URI.create("/api/alerts/" + alert.id())).body(of(alert, caller));
    }
}
