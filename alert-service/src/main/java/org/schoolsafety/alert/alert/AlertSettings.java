package org.schoolsafety.alert.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Map;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of alert-service, under {@code ssn.alert}. A wrong value stops the service at start, naming
 * the property.
 *
 * @param sender the CAP {@code sender} of every message: globally unique, the state's alerting address
 * @param identifierPrefix the start of every CAP {@code identifier}, e.g. {@code MO-SSN}
 * @param approvalAbove an {@code Actual} alert reaching more than this many districts, schools and agencies
 *     (or statewide) needs a second person's approval
 * @param republishAfter an issue that stopped between saving and publishing (the process died) is published
 *     again after this long
 * @param republishEvery how often the service looks for such interrupted issues
 * @param templates pre-approved alerts, reviewed in advance, that one broadcaster may send at once (the
 *     break-glass path for a lockdown), by name
 * @param escalation escalation of unacknowledged alerts
 */
@Validated
@ConfigurationProperties("ssn.alert")
public record AlertSettings(
        @DefaultValue("alerts@schoolsafety.example") @NotBlank
        String sender,

        @DefaultValue("MO-SSN") @NotBlank String identifierPrefix,
        @DefaultValue("50") @PositiveOrZero int approvalAbove,
        @DefaultValue("5s") Duration republishAfter,
        @DefaultValue("2s") Duration republishEvery,
        Map<String, AlertTemplate> templates,
        @DefaultValue @Valid Escalation escalation) {

    public AlertSettings {
        SettingChecks.positive("ssn.alert.republish-after", republishAfter);
        SettingChecks.positive("ssn.alert.republish-every", republishEvery);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /**
     * Escalation of unacknowledged alerts, under {@code ssn.alert.escalation}.
     *
     * @param enabled whether unacknowledged {@code Actual} alerts are escalated at all
     * @param schoolAfter a school reached by an alert and silent this long after it was sent: its SMS numbers
     *     are told again that the alert waits for acknowledgement
     * @param districtAfter still silent this long after it was sent: its district office is told
     * @param every how often the watch looks
     */
    public record Escalation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10m") Duration schoolAfter,
            @DefaultValue("20m") Duration districtAfter,
            @DefaultValue("15s") Duration every) {

        public Escalation {
            SettingChecks.positive("ssn.alert.escalation.school-after", schoolAfter);
            SettingChecks.positive("ssn.alert.escalation.district-after", districtAfter);
            SettingChecks.positive("ssn.alert.escalation.every", every);
        }
    }
}
