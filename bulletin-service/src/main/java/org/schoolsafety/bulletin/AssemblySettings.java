package org.schoolsafety.bulletin;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The draft that writes itself, under {@code ssn.bulletin.assembly}.
 *
 * @param enabled whether the service drafts each week's bulletin by itself; the editor can always ask for one with
 *     {@code POST /api/bulletins/drafts/assemble}
 * @param day the day of the week on which the draft for the coming week (the week of that day, for Monday) is made
 * @param time the time of day, in {@code ssn.bulletin.zone}, from which it is made
 * @param pollEvery how often an instance looks whether the week's draft is due
 */
public record AssemblySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("MONDAY") DayOfWeek day,
        @DefaultValue("06:00") LocalTime time,
        @DefaultValue("1m") Duration pollEvery) {

    public AssemblySettings {
        if (day == null) {
            throw new IllegalArgumentException("ssn.bulletin.assembly.day must be a day of the week, e.g. MONDAY");
        }
        if (time == null) {
            throw new IllegalArgumentException("ssn.bulletin.assembly.time must be a time of day, e.g. 06:00");
        }
        SettingChecks.positive("ssn.bulletin.assembly.poll-every", pollEvery);
    }
}
