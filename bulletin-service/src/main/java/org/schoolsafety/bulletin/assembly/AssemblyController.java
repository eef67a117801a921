package org.schoolsafety.bulletin.assembly;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.RequestBodies;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/bulletins/drafts/assemble?week=}: the editor asks for the week's draft now (editors only, by
 * the bulletin access rules). 201 with the draft; 409 when a bulletin covers the week already.
 */
@RestController
class AssemblyController {

    private final Assembly assembly;
    private final BulletinSettings settings;
    private final Clock clock;

    AssemblyController(Assembly assembly, BulletinSettings settings, Clock clock) {
        this.assembly = assembly;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/api/bulletins/drafts/assemble")
    ResponseEntity<Bulletin> assemble(@RequestParam(required = false) String week) {
        Bulletin draft = assembly.assemble(monday(week));
        return ResponseEntity.created(URI.create("/api/bulletins/" + draft.id()))
                .eTag(RequestBodies.etag(draft.version()))
                .body(draft);
    }

    /** The Monday of the week of {@code week}, a date; this week's when none is given. */
    private LocalDate monday(String week) {
        LocalDate day;
        if (week == null || week.isBlank()) {
            day = LocalDate.now(clock.withZone(settings.zone()));
        } else {
            try {
                day = LocalDate.parse(week.strip());
            } catch (DateTimeParseException e) {
                throw new BulletinRefusal.Rejected("week", "week is a date such as 2026-12-07.");
            }
        }
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
