package org.schoolsafety.bulletin.rendition;

import java.time.Instant;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;

/** The {@code bulletin.published.v1} record of one revision: the whole bulletin, sections with their safe HTML. */
public final class BulletinEvents {

    private BulletinEvents() {}

    /** The record of {@code bulletin} as published as {@code revision} at {@code at}, with {@code correction}. */
    public static BulletinPublished of(Bulletin bulletin, int revision, Instant at, String correction) {
        return new BulletinPublished(
                bulletin.id(),
                bulletin.weekOf(),
                bulletin.title(),
                bulletin.effectiveSummary(),
                at,
                revision,
                bulletin.tlp(),
                bulletin.sections().stream()
                        .map(s -> new BulletinSection(s.kind(), s.heading(), s.markdown(), SafeHtml.of(s.markdown())))
                        .toList(),
                bulletin.items().stream()
                        .map(i -> new BulletinTraining(
                                i.id(),
                                i.title(),
                                i.startsAt(),
                                i.endsAt(),
                                i.place(),
                                i.onlineUrl(),
                                i.registrationUrl()))
                        .toList(),
                bulletin.links().stream()
                        .map(l -> new BulletinLink(l.title(), l.url()))
                        .toList(),
                correction);
    }
}
