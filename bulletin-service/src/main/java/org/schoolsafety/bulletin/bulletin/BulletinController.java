package org.schoolsafety.bulletin.bulletin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authoring API: create, list, read and replace bulletins, and schedule or unschedule their publication.
 * Every change names the version it replaces in {@code If-Match}; every answer carries the new one as ETag.
 */
@RestController
class BulletinController {

    private final Bulletins bulletins;
    private final RequestBodies bodies;

    BulletinController(Bulletins bulletins, RequestBodies bodies) {
        this.bulletins = bulletins;
        this.bodies = bodies;
    }

    @PostMapping("/api/bulletins")
    ResponseEntity<Bulletin> create(HttpServletRequest request) {
        BulletinDraft draft = bodies.as(bodies.read(request), BulletinDraft.class);
        Bulletin created = bulletins.create(caller(), draft);
        return ResponseEntity.created(URI.create("/api/bulletins/" + created.id()))
                .eTag(RequestBodies.etag(created.version()))
                .body(created);
    }

    @GetMapping("/api/bulletins")
    List<Bulletin> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String week,
            @RequestParam(defaultValue = "50") int limit) {
        return bulletins.list(caller(), state(state), week(week), Math.clamp(limit, 1, 200));
    }

    @GetMapping("/api/bulletins/{id}")
    ResponseEntity<Bulletin> get(@PathVariable String id) {
        return answer(bulletins.visible(id, caller()));
    }

    @PutMapping("/api/bulletins/{id}")
    ResponseEntity<Bulletin> replace(
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        long version = RequestBodies.version(ifMatch);
        BulletinDraft draft = bodies.as(bodies.read(request), BulletinDraft.class);
        return answer(bulletins.replace(id, version, draft));
    }

    @PostMapping("/api/bulletins/{id}/schedule")
    ResponseEntity<Bulletin> schedule(
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        long version = RequestBodies.version(ifMatch);
        Schedule schedule = bodies.as(bodies.read(request), Schedule.class);
        return answer(bulletins.schedule(id, version, schedule.publishAt()));
    }

    @DeleteMapping("/api/bulletins/{id}/schedule")
    ResponseEntity<Bulletin> unschedule(
            @PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return answer(bulletins.unschedule(id, RequestBodies.version(ifMatch)));
    }

    /**
     * When to publish.
     *
     * @param publishAt a future instant
     */
    record Schedule(Instant publishAt) {}

    static ResponseEntity<Bulletin> answer(Bulletin bulletin) {
        return ResponseEntity.ok().eTag(RequestBodies.etag(bulletin.version())).body(bulletin);
    }

    private static Caller caller() {
        return Bulletins.caller();
    }

    private static BulletinState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return BulletinState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BulletinRefusal.Rejected("state", "state is DRAFT, SCHEDULED or PUBLISHED.");
        }
    }

    /** The Monday of the week of {@code week}, a date. */
    private static LocalDate week(String week) {
        if (week == null || week.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(week.strip());
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        } catch (DateTimeParseException e) {
            throw new BulletinRefusal.Rejected("week", "week is a date such as 2026-12-07.");
        }
    }
}
