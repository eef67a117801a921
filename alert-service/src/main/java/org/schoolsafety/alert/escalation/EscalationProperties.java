package org.schoolsafety.alert.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Escalation of unacknowledged alerts, under {@code ssn.alert.escalation}.
 *
 * @param enabled whether unacknowledged {@code Actual} alerts are escalated at all
 * @param schoolAfter a school reached by an alert and silent this long after it was sent: its SMS numbers are
 *     told again that the alert waits for acknowledgement
 * @param districtAfter still silent this long after it was sent: its district office is told
 * @param every how often the watch looks
 */
@ConfigurationProperties("ssn.alert.escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration schoolAfter,
        @DefaultValue("20m") Duration districtAfter,
        @DefaultValue("15s") Duration every) {}
