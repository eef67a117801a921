package org.schoolsafety.bulletin.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;
import org.schoolsafety.events.vocabulary.Tlp;

/** Searching the archive: every word somewhere in the bulletin, case ignored; a week by any of its days. */
class ArchiveQueryTests {

    private static final BulletinPublished BULLETIN = new BulletinPublished(
            "b-1",
            LocalDate.of(2026, 12, 7),
            "Door locks",
            "Check them",
            Instant.parse("2026-12-07T12:00:00Z"),
            1,
            Tlp.CLEAR,
            List.of(new BulletinSection("cyber-corner", "Cyber corner", "Patch *Ivanti* now", "<p>Patch</p>")),
            List.of(new BulletinTraining(
                    "trn-1",
                    "Tabletop exercise",
                    Instant.parse("2026-12-15T15:00:00Z"),
                    Instant.parse("2026-12-15T17:00:00Z"),
                    "Jefferson City",
                    null,
                    null)),
            List.of(new BulletinLink("KEV catalog", "https://www.cisa.gov/kev")),
            null);

    @Test
    void everyWordMustAppearSomewhereCaseIgnored() {
        assertThat(ArchiveQuery.of("DOOR ivanti", null).matches(BULLETIN)).isTrue();
        assertThat(ArchiveQuery.of("tabletop jefferson kev", null).matches(BULLETIN))
                .isTrue();
        assertThat(ArchiveQuery.of("door windows", null).matches(BULLETIN)).isFalse();
    }

    @Test
    void aWeekIsFoundByAnyOfItsDays() {
        assertThat(ArchiveQuery.of(null, "2026-12-13").matches(BULLETIN)).isTrue();
        assertThat(ArchiveQuery.of(null, "2026-12-07").matches(BULLETIN)).isTrue();
        assertThat(ArchiveQuery.of(null, "2026-12-06").matches(BULLETIN)).isFalse();
    }

    @Test
    void noParametersMatchEverything() {
        assertThat(ArchiveQuery.of(" ", "").matches(BULLETIN)).isTrue();
        assertThat(ArchiveQuery.of(null, null).matches(BULLETIN)).isTrue();
    }

    @Test
    void aWrongWeekOrAnOverlongSearchIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> ArchiveQuery.of(null, "12/07/2026"))
                .isInstanceOfSatisfying(
                        BulletinRefusal.Rejected.class,
                        r -> assertThat(r.field()).isEqualTo("week"));
        assertThatThrownBy(() -> ArchiveQuery.of("x".repeat(ArchiveQuery.MAX_QUERY + 1), null))
                .isInstanceOfSatisfying(
                        BulletinRefusal.Rejected.class,
                        r -> assertThat(r.field()).isEqualTo("q"));
    }
}
