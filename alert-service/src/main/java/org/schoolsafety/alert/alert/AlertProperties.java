package org.schoolsafety.alert.alert;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts, under {@code ssn.alert}.
 *
 * @param sender the CAP {@code sender} of every message: globally unique, the state's alerting address
 * @param identifierPrefix the start of every CAP {@code identifier}, e.g. {@code MO-SSN}
 * @param approvalAbove an {@code Actual} alert reaching more than this many districts, schools and agencies
 *     (or statewide) needs a second person's approval
 * @param republishAfter an issue that stopped between saving and publishing (the process died) is published
 *     again after this long
 * @param templates pre-approved alerts, reviewed in advance, that one broadcaster may send at once (the
 *     break-glass path for a lockdown), by name
 */
@ConfigurationProperties("ssn.alert")
public record AlertProperties(
        @DefaultValue("alerts@schoolsafety.example") String sender,
        @DefaultValue("MO-SSN") String identifierPrefix,
        @DefaultValue("50") int approvalAbove,
        @DefaultValue("5s") Duration republishAfter,
        Map<String, AlertTemplate> templates) {

    public AlertProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }
}
