package org.schoolsafety.alert.alert;

import org.schoolsafety.alert.AlertForbidden;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.area.AreaResolver;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who may see which alert: state staff see every alert; districts, schools and systems see the issued alerts
 * that reached them: whose audience covers their organisation, or names an organisation, region or county at or
 * below it (a district sees an alert sent to one of its schools, whose deliveries it may acknowledge). An alert a
 * caller may not see does not exist for them (404), so nobody learns of another district's alerts by probing ids.
 * Of an alert they see, they see the figures of their own subtree only (see {@link #withinCaller}).
 */
@Component
public class AlertAccess {

    private final AlertQueries alerts;
    private final AreaResolver areas;

    AlertAccess(AlertQueries alerts, AreaResolver areas) {
        this.alerts = alerts;
        this.areas = areas;
    }

    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new AlertForbidden("This takes a platform token."));
    }

    static boolean isState(Caller caller) {
        return caller.roles().stream().anyMatch(Role::isStateRole);
    }

    /** The alert, if this caller may see it; otherwise a 404. */
    public Alert visible(String id, Caller caller) {
        Alert alert = alerts.get(id);
        if (!visible(alert, caller)) {
            throw new AlertNotFound("No alert " + id + ".");
        }
        return alert;
    }

    public boolean visible(Alert alert, Caller caller) {
        if (isState(caller)) {
            return true;
        }
        return !alert.messages().isEmpty()
                && areas.reachesWithin(alert.resolved().audience(), caller.organisationId());
    }

    /**
     * Whether everything the alert reached lies within the caller's subtree, so that its totals are the caller's
     * own figures: always for state staff.
     */
    public boolean reachedOnlyWithinCaller(Alert alert, Caller caller) {
        return isState(caller) || areas.liesWithin(alert.resolved().audience(), caller.organisationId());
    }

    /** Whether {@code organisationId} is the caller's organisation or lies below it. */
    public boolean withinCaller(String organisationId, Caller caller) {
        return isState(caller) || areas.isWithin(organisationId, caller.organisationId());
    }
}
