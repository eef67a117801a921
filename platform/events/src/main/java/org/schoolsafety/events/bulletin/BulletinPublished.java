package org.schoolsafety.events.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * A weekly school safety update was published, or a published one was corrected. Produced by bulletin-service on
 * {@code bulletins}, keyed by {@code bulletinId}; each revision is a new record with the whole bulletin, so the
 * archive can be rebuilt from the topic alone.
 *
 * @param bulletinId platform id
 * @param weekOf the Monday of the week it covers (America/Chicago)
 * @param title its title
 * @param summary a few sentences for the archive and feeds
 * @param publishedAt when this revision went out
 * @param revision 1 for the first publication, one more for each correction
 * @param tlp {@link Tlp#CLEAR} (public archive) or {@link Tlp#GREEN} (signed-in platform users only)
 * @param sections its sections in order
 * @param trainings the training and event items it lists
 * @param links further links
 * @param correction for a correction: what changed, in a sentence or two; {@code null} for the first publication
 */
public record BulletinPublished(
        String bulletinId,
        LocalDate weekOf,
        String title,
        String summary,
        Instant publishedAt,
        int revision,
        Tlp tlp,
        List<BulletinSection> sections,
        List<BulletinTraining> trainings,
        List<BulletinLink> links,
        String correction) {

    public BulletinPublished {
        Objects.requireNonNull(bulletinId, "bulletinId");
        Objects.requireNonNull(weekOf, "weekOf");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(tlp, "tlp");
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1");
        }
        if (tlp != Tlp.CLEAR && tlp != Tlp.GREEN) {
            throw new IllegalArgumentException("a bulletin is TLP:CLEAR or TLP:GREEN");
        }
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
        trainings = List.copyOf(Objects.requireNonNull(trainings, "trainings"));
        links = List.copyOf(Objects.requireNonNull(links, "links"));
    }
}
