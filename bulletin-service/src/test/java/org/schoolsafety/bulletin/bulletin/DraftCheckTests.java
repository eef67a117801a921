package org.schoolsafety.bulletin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.bulletin.ArchiveSettings;
import org.schoolsafety.bulletin.AuthoringSettings;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.PublicationSettings;
import org.schoolsafety.events.vocabulary.Tlp;
import org.springframework.util.unit.DataSize;

/** The checks of a draft at a fixed time: this week is the service zone's week, not UTC's. */
class DraftCheckTests {

    /** Monday 2026-12-07 04:30 UTC is still Sunday 2026-12-06 22:30 in Chicago. */
    private static final Instant SUNDAY_NIGHT_IN_CHICAGO = Instant.parse("2026-12-07T04:30:00Z");

    private static DraftCheck at(Instant now) {
        return new DraftCheck(
                new BulletinSettings(
                        ZoneId.of("America/Chicago"),
                        new AuthoringSettings(DataSize.ofKilobytes(256), 3),
                        new PublicationSettings(Duration.ofSeconds(5), Duration.ofMinutes(2)),
                        new ArchiveSettings(20, java.time.Duration.ofDays(30)),
                        new org.schoolsafety.bulletin.AssemblySettings(
                                true,
                                java.time.DayOfWeek.MONDAY,
                                java.time.LocalTime.of(6, 0),
                                java.time.Duration.ofMinutes(1))),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static BulletinDraft draft(String weekOf) {
        return new BulletinDraft(
                LocalDate.parse(weekOf),
                "  Weekly update  ",
                null,
                null,
                List.of(new BulletinDraft.Section("reminders", null, "Badge in.")),
                List.of(),
                List.of(new BulletinDraft.Link("Center", "https://dese.mo.gov/safety")));
    }

    @Test
    void thisWeekIsTheWeekInTheServiceZone() {
        // Sunday night in Chicago: the week of Nov 30 is still this week
        assertThat(at(SUNDAY_NIGHT_IN_CHICAGO)
                        .content(draft("2026-11-30"), false)
                        .weekOf())
                .isEqualTo(LocalDate.parse("2026-11-30"));
        // two hours later it is Monday in Chicago too, and Nov 30 lies in the past
        assertThatThrownBy(() -> at(SUNDAY_NIGHT_IN_CHICAGO.plusSeconds(7200)).content(draft("2026-11-30"), false))
                .isInstanceOfSatisfying(
                        BulletinRefusal.Rejected.class,
                        r -> assertThat(r.field()).isEqualTo("weekOf"));
        // a correction keeps its past week
        assertThat(at(SUNDAY_NIGHT_IN_CHICAGO.plusSeconds(7200))
                        .content(draft("2026-11-30"), true)
                        .weekOf())
                .isEqualTo(LocalDate.parse("2026-11-30"));
    }

    @Test
    void defaultsAreFilledAndTextTrimmed() {
        Bulletin content = at(SUNDAY_NIGHT_IN_CHICAGO).content(draft("2026-12-07"), false);
        assertThat(content.title()).isEqualTo("Weekly update");
        assertThat(content.tlp()).isEqualTo(Tlp.CLEAR);
        assertThat(content.sections().getFirst().heading()).isEqualTo("Reminders");
        assertThat(content.effectiveSummary()).isEqualTo("Badge in.");
    }

    @Test
    void moreSectionsThanTheLimitNameTheSectionsField() {
        BulletinDraft many = new BulletinDraft(
                LocalDate.parse("2026-12-07"),
                "Many",
                null,
                "GREEN",
                List.of(
                        new BulletinDraft.Section("a", null, ""),
                        new BulletinDraft.Section("b", null, ""),
                        new BulletinDraft.Section("c", null, ""),
                        new BulletinDraft.Section("d", null, "")),
                null,
                null);
        assertThatThrownBy(() -> at(SUNDAY_NIGHT_IN_CHICAGO).content(many, false))
                .isInstanceOfSatisfying(
                        BulletinRefusal.Rejected.class,
                        r -> assertThat(r.field()).isEqualTo("sections"));
    }
}
