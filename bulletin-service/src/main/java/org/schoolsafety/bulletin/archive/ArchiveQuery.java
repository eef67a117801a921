package org.schoolsafety.bulletin.archive;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;

/**
 * A search of the archive: words that must all appear (in the title, summary, sections, trainings or links; case
 * ignored), and the week (any day of it: the bulletin of its Monday). Both optional.
 *
 * @param words the words, lower case; empty for any
 * @param week the Monday of the week, or {@code null} for any
 */
record ArchiveQuery(List<String> words, LocalDate week) {

    static final int MAX_QUERY = 200;

    /** The query of the request parameters {@code q} and {@code week}, refused naming the parameter that is wrong. */
    static ArchiveQuery of(String q, String week) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_QUERY) {
            throw new BulletinRefusal.Rejected("q", "Search for at most " + MAX_QUERY + " characters.");
        }
        List<String> words = text.isEmpty()
                ? List.of()
                : Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).toList();
        return new ArchiveQuery(words, monday(week));
    }

    private static LocalDate monday(String week) {
        if (week == null || week.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(week.strip()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        } catch (DateTimeException e) {
            throw new BulletinRefusal.Rejected("week", "Give the week as a date, YYYY-MM-DD, e.g. 2026-12-07.");
        }
    }

    boolean matches(BulletinPublished bulletin) {
        if (week != null && !week.equals(bulletin.weekOf())) {
            return false;
        }
        if (words.isEmpty()) {
            return true;
        }
        String text = searchable(bulletin);
        return words.stream().allMatch(text::contains);
    }

    private static String searchable(BulletinPublished bulletin) {
        return Stream.of(
                        Stream.of(bulletin.title(), bulletin.summary()),
                        bulletin.sections().stream().flatMap(ArchiveQuery::text),
                        bulletin.trainings().stream().flatMap(ArchiveQuery::text),
                        bulletin.links().stream().map(BulletinLink::title))
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"))
                .toLowerCase(Locale.ROOT);
    }

    private static Stream<String> text(BulletinSection section) {
        return Stream.of(section.heading(), section.markdown());
    }

    private static Stream<String> text(BulletinTraining training) {
        return Stream.of(training.title(), training.place());
    }
}
