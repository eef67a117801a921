package org.schoolsafety.bulletin.training;

import java.time.Instant;
import org.schoolsafety.events.bulletin.BulletinTraining;

/**
 * A training or event in the calendar.
 *
 * @param id platform id, also the stable part of its calendar UID
 * @param title what it is
 * @param description plain text, perhaps empty
 * @param startsAt when it starts
 * @param endsAt when it ends, after it starts
 * @param place where it is held, or {@code null} when only online
 * @param onlineUrl an {@code https} link to join online, or {@code null}
 * @param registrationUrl an {@code https} link to register, or {@code null}
 * @param changedAt when it was entered or last changed (the calendar's DTSTAMP)
 */
public record Training(
        String id,
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        String place,
        String onlineUrl,
        String registrationUrl,
        Instant changedAt) {

    /** The item a bulletin carries for it. */
    public BulletinTraining asBulletinTraining() {
        return new BulletinTraining(id, title, startsAt, endsAt, place, onlineUrl, registrationUrl);
    }
}
