package org.schoolsafety.alert.alert;

import org.schoolsafety.alert.area.ResolvedArea;
import org.schoolsafety.events.alert.AlertStatus;
import org.springframework.stereotype.Component;

/**
 * The two-person rule: an {@code Actual} alert that goes statewide, or to more organisations than
 * {@link AlertSettings#approvalAbove()}, needs a second person with the approver role, who is not its author.
 * Exercises and tests need nobody; pre-approved templates were approved when they were reviewed.
 */
@Component
class ApprovalPolicy {

    private final int approvalAbove;

    ApprovalPolicy(AlertSettings properties) {
        this.approvalAbove = properties.approvalAbove();
    }

    boolean needsApproval(AlertStatus status, ResolvedArea area, String template) {
        if (status != AlertStatus.ACTUAL || template != null) {
            return false;
        }
        return area.audience().statewide() || area.organisations() > approvalAbove;
    }

    String why(ResolvedArea area) {
        return area.audience().statewide()
                ? "It goes statewide."
                : "It reaches " + area.organisations() + " organisations, more than " + approvalAbove + ".";
    }
}
