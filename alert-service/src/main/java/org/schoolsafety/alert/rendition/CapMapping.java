package org.schoolsafety.alert.rendition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertMessage;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.cap.CapArea;
import org.schoolsafety.alert.cap.CapInfo;
import org.schoolsafety.alert.cap.CapMessage;
import org.schoolsafety.alert.cap.CapValue;
import org.schoolsafety.alert.cap.CapXml;
import org.schoolsafety.events.alert.AlertInfo;
import org.springframework.stereotype.Component;

/**
 * An alert's messages as OASIS CAP 1.2. The area carries SAME codes for counties, as US alerting systems
 * expect, and the directory's own ids under {@code ssn-*} geocode names so that a CAP message re-imported here
 * targets exactly what the original did.
 */
@Component
public class CapMapping {

    static final String STATEWIDE = "ssn-scope";
    static final String REGION = "ssn-region";
    static final String COUNTY = "ssn-county-fips";
    static final String ORGANISATION = "ssn-organisation";
    static final String KIND = "ssn-kind";
    static final String ROLE = "ssn-role";
    static final String ALERT_ID = "ssn-alert-id";

    /** CAP says a restricted message names who may have it. */
    static final String RESTRICTION = "School safety staff of the schools, districts and agencies addressed.";

    public String xml(Alert alert, AlertMessage message) {
        return CapXml.write(message(alert, message));
    }

    public CapMessage message(Alert alert, AlertMessage message) {
        List<String> references = new ArrayList<>();
        for (AlertMessage earlier : alert.messages()) {
            if (earlier.number() < message.number()) {
                references.add(earlier.reference(alert.sender(), capTime(earlier.sent())));
            }
        }
        String status = capitalised(alert.status().name());
        return new CapMessage(
                message.identifier(),
                alert.sender(),
                time(message.sent()),
                status,
                message.msgType(),
                null,
                alert.scope(),
                "Restricted".equals(alert.scope()) ? RESTRICTION : null,
                null,
                List.of(),
                message.summary() == null || message.summary().isBlank() ? null : message.summary(),
                references.isEmpty() ? null : String.join(" ", references),
                null,
                List.of(info(alert, message)));
    }

    private CapInfo info(Alert alert, AlertMessage message) {
        AlertInfo info = alert.info();
        return new CapInfo(
                "en-US",
                List.of(info.category()),
                info.event(),
                "Cancel".equals(message.msgType()) ? List.of("AllClear") : List.of(),
                info.urgency(),
                info.severity(),
                info.certainty(),
                null,
                List.of(),
                null,
                null,
                info.expires() == null ? null : time(info.expires()),
                null,
                info.headline(),
                info.description(),
                info.instruction(),
                info.web(),
                info.contact(),
                List.of(new CapValue(ALERT_ID, alert.id())),
                List.of(area(alert)));
    }

    private static CapArea area(Alert alert) {
        Area area = alert.area();
        List<CapValue> geocodes = new ArrayList<>();
        if (area.statewide()) {
            geocodes.add(new CapValue(STATEWIDE, "statewide"));
        }
        alert.resolved().sameCodes().forEach(same -> geocodes.add(new CapValue("SAME", same)));
        area.countyFips().forEach(fips -> geocodes.add(new CapValue(COUNTY, fips)));
        area.regionIds().forEach(id -> geocodes.add(new CapValue(REGION, id)));
        area.organisationIds().forEach(id -> geocodes.add(new CapValue(ORGANISATION, id)));
        area.organisationKinds().forEach(kind -> geocodes.add(new CapValue(KIND, kind.name())));
        area.roles().forEach(role -> geocodes.add(new CapValue(ROLE, role.name())));
        return new CapArea(alert.resolved().description(), List.of(), List.of(), geocodes, null, null);
    }

    /** CAP's date-time: seconds, a numeric offset, never {@code Z}. */
    public static String capTime(Instant instant) {
        return AlertMessage.capTime(instant);
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String capitalised(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
