package org.schoolsafety.events.bulletin;

import java.time.Instant;
import java.util.Objects;

/**
 * A training or event a bulletin lists.
 *
 * @param trainingId platform id of the calendar entry
 * @param title what it is
 * @param startsAt when it starts
 * @param endsAt when it ends
 * @param place where it is held, or {@code null} when only online
 * @param onlineUrl an {@code https} link to join online, or {@code null}
 * @param registrationUrl an {@code https} link to register, or {@code null}
 */
public record BulletinTraining(
        String trainingId,
        String title,
        Instant startsAt,
        Instant endsAt,
        String place,
        String onlineUrl,
        String registrationUrl) {

    public BulletinTraining {
        Objects.requireNonNull(trainingId, "trainingId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
