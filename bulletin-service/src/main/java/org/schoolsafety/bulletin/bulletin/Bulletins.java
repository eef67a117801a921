package org.schoolsafety.bulletin.bulletin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.springframework.stereotype.Component;

/**
 * The editor's commands on bulletins (create, replace, schedule, unschedule) and what each caller may read: drafts
 * and scheduled bulletins are for editors only; published ones for every signed-in role. A bulletin a caller may
 * not see does not exist for them (404).
 */
@Component
public class Bulletins {

    private final BulletinStore store;
    private final DraftCheck check;
    private final Clock clock;

    Bulletins(BulletinStore store, DraftCheck check, Clock clock) {
        this.store = store;
        this.check = check;
        this.clock = clock;
    }

    /** A new draft by {@code caller}; also the draft the service writes itself, as its own actor. */
    public Bulletin create(Caller caller, BulletinDraft draft) {
        Bulletin content = check.content(draft, false);
        Instant now = clock.instant();
        Bulletin bulletin = new Bulletin(
                UUID.randomUUID().toString(),
                content.weekOf(),
                content.title(),
                content.summary(),
                content.tlp(),
                content.sections(),
                content.items(),
                content.links(),
                BulletinState.DRAFT,
                null,
                0,
                1,
                null,
                caller.subject(),
                now,
                now,
                null);
        store.create(bulletin);
        return bulletin;
    }

    Bulletin replace(String id, long expectedVersion, BulletinDraft draft) {
        Bulletin before = store.get(id);
        refusePublished(before);
        Bulletin after = before.withContent(check.content(draft, false), clock.instant());
        store.replace(expectedVersion, after);
        return after;
    }

    Bulletin schedule(String id, long expectedVersion, Instant publishAt) {
        Bulletin before = store.get(id);
        refusePublished(before);
        if (publishAt == null || !publishAt.isAfter(clock.instant())) {
            throw new BulletinRefusal.Rejected("publishAt", "publishAt is required and must lie in the future.");
        }
        Bulletin after = before.scheduledFor(publishAt, clock.instant());
        store.replace(expectedVersion, after);
        return after;
    }

    Bulletin unschedule(String id, long expectedVersion) {
        Bulletin before = store.get(id);
        refusePublished(before);
        Bulletin after = before.scheduledFor(null, clock.instant());
        store.replace(expectedVersion, after);
        return after;
    }

    /** The caller of the current request; the security rules let none through without a platform token. */
    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new BulletinRefusal.NotFound("This takes a platform token."));
    }

    /** The bulletin, if this caller may see it; otherwise a 404. */
    public Bulletin visible(String id, Caller caller) {
        Bulletin bulletin = store.get(id);
        if (!visible(bulletin, caller)) {
            throw new BulletinRefusal.NotFound("No bulletin " + id + ".");
        }
        return bulletin;
    }

    List<Bulletin> list(Caller caller, BulletinState state, LocalDate week, int limit) {
        return store.newest(500).stream()
                .filter(b -> visible(b, caller))
                .filter(b -> state == null || b.state() == state)
                .filter(b -> week == null || b.weekOf().equals(week))
                .limit(limit)
                .toList();
    }

    /** Whether a bulletin in any state already covers the week of {@code monday}. */
    public boolean existsForWeek(LocalDate monday) {
        return store.newest(500).stream().anyMatch(b -> b.weekOf().equals(monday));
    }

    /** When the most recently published bulletin went out, if any did before {@code before}. */
    public Optional<Instant> lastPublishedAt(Instant before) {
        return store.newest(500).stream()
                .map(Bulletin::publishedAt)
                .filter(at -> at != null && at.isBefore(before))
                .max(Instant::compareTo);
    }

    static boolean visible(Bulletin bulletin, Caller caller) {
        return bulletin.state() == BulletinState.PUBLISHED || caller.hasAnyRole(Role.STATE_EDITOR);
    }

    private static void refusePublished(Bulletin bulletin) {
        if (bulletin.state() == BulletinState.PUBLISHED) {
            throw new BulletinRefusal.Conflict(
                    "state", "The bulletin is published; send a correction (POST .../corrections) instead.");
        }
    }
}
