package org.schoolsafety.events.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A weekly school safety update was published. Produced by bulletin-service on {@code bulletins}, keyed by
 * {@code bulletinId}.
 *
 * @param bulletinId platform id
 * @param weekOf the Monday of the week it covers
 * @param title its title
 * @param summary a few sentences for the archive and feeds
 * @param publishedAt when it went out
 */
public record BulletinPublished(
        String bulletinId, LocalDate weekOf, String title, String summary, Instant publishedAt) {

    public BulletinPublished {
        Objects.requireNonNull(bulletinId, "bulletinId");
        Objects.requireNonNull(weekOf, "weekOf");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
