package org.schoolsafety.bulletin;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public archive, its feeds and the training calendar, under {@code ssn.bulletin.archive}.
 *
 * @param feedEntries how many of the latest bulletins the Atom feed and the JSON Feed list
 * @param calendarLookback how long after it ended a training stays in {@code /feeds/trainings.ics}, so that a
 *     calendar that synchronises weekly still sees last week's trainings
 */
public record ArchiveSettings(
        @DefaultValue("20") @Positive int feedEntries,
        @DefaultValue("30d") Duration calendarLookback) {

    public ArchiveSettings {
        if (feedEntries <= 0) {
            throw new IllegalArgumentException(
                    "ssn.bulletin.archive.feed-entries must be more than 0, not " + feedEntries);
        }
        SettingChecks.notNegative("ssn.bulletin.archive.calendar-lookback", calendarLookback);
    }
}
