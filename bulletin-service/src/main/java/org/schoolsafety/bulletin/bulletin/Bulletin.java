package org.schoolsafety.bulletin.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * One weekly school safety update as stored. {@code version} changes with every stored change (the ETag);
 * {@code revision} counts publications: 0 until first published, 1 then, one more per correction.
 *
 * @param id platform id (a UUID)
 * @param weekOf the Monday of the week it covers, in {@code ssn.bulletin.zone}
 * @param title its title
 * @param summary the editor's summary, or {@code null} to take it from the first section
 * @param tlp CLEAR or GREEN
 * @param sections its sections in order
 * @param items training and event items
 * @param links further links
 * @param state draft, scheduled or published
 * @param publishAt when a scheduled bulletin goes out; {@code null} otherwise
 * @param revision publications so far
 * @param version the stored version
 * @param correction what the latest correction changed; {@code null} before any
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt when it last changed
 * @param publishedAt when its latest revision went out; {@code null} before
 */
public record Bulletin(
        String id,
        LocalDate weekOf,
        String title,
        String summary,
        Tlp tlp,
        List<Section> sections,
        List<Item> items,
        List<Link> links,
        BulletinState state,
        Instant publishAt,
        int revision,
        long version,
        String correction,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    public Bulletin {
        sections = sections == null ? List.of() : List.copyOf(sections);
        items = items == null ? List.of() : List.copyOf(items);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * A section.
     *
     * @param kind one of the standard kinds or an editor's own
     * @param heading as shown
     * @param markdown the editor's CommonMark
     */
    public record Section(String kind, String heading, String markdown) {}

    /**
     * A training or event.
     *
     * @param id its id
     * @param title what it is
     * @param startsAt when it starts
     * @param endsAt when it ends
     * @param place where, or {@code null} when online only
     * @param onlineUrl an https link to join, or {@code null}
     * @param registrationUrl an https link to register, or {@code null}
     */
    public record Item(
            String id,
            String title,
            Instant startsAt,
            Instant endsAt,
            String place,
            String onlineUrl,
            String registrationUrl) {}

    /**
     * A further link.
     *
     * @param title what it leads to
     * @param url an https URL
     */
    public record Link(String title, String url) {}

    /** The summary as published: the editor's, or the first words of the first section. */
    public String effectiveSummary() {
        if (summary != null && !summary.isBlank()) {
            return summary.strip();
        }
        String text = sections.isEmpty() ? title : plain(sections.getFirst().markdown());
        return text.length() <= 280 ? text : text.substring(0, 277).strip() + "...";
    }

    /** This bulletin with new content, in the same state. */
    public Bulletin withContent(Bulletin content, Instant at) {
        return new Bulletin(
                id,
                content.weekOf,
                content.title,
                content.summary,
                content.tlp,
                content.sections,
                content.items,
                content.links,
                state,
                publishAt,
                revision,
                version + 1,
                correction,
                createdBy,
                createdAt,
                at,
                publishedAt);
    }

    /** This bulletin scheduled for {@code at}, or back to a draft when {@code at} is null. */
    Bulletin scheduledFor(Instant at, Instant now) {
        return new Bulletin(
                id,
                weekOf,
                title,
                summary,
                tlp,
                sections,
                items,
                links,
                at == null ? BulletinState.DRAFT : BulletinState.SCHEDULED,
                at,
                revision,
                version + 1,
                correction,
                createdBy,
                createdAt,
                now,
                publishedAt);
    }

    /** This bulletin as just published as {@code newRevision}, with {@code whatChanged} for a correction. */
    public Bulletin published(int newRevision, String whatChanged, Instant at) {
        return new Bulletin(
                id,
                weekOf,
                title,
                summary,
                tlp,
                sections,
                items,
                links,
                BulletinState.PUBLISHED,
                null,
                newRevision,
                version + 1,
                whatChanged,
                createdBy,
                createdAt,
                at,
                at);
    }

    /** Markdown reduced to its words, for a summary: good enough, as the editor may always write one. */
    private static String plain(String markdown) {
        return markdown.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("[#*_`>\\[\\]]", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
