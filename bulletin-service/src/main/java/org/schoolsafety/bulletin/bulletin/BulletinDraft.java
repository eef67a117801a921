package org.schoolsafety.bulletin.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an editor sends to create or replace a bulletin's content. Checked by {@link DraftCheck}, which names the
 * field of each fault.
 *
 * @param weekOf the Monday of the week it covers
 * @param title its title
 * @param summary a few sentences, or nothing to take them from the first section
 * @param tlp {@code CLEAR} (the default) or {@code GREEN}
 * @param sections its sections in order
 * @param items training and event items
 * @param links further links
 */
public record BulletinDraft(
        LocalDate weekOf,
        String title,
        String summary,
        String tlp,
        List<Section> sections,
        List<Item> items,
        List<Link> links) {

    /**
     * A section as sent.
     *
     * @param kind a standard kind or the editor's own
     * @param heading its heading, or nothing for the kind's
     * @param markdown its CommonMark body
     */
    public record Section(String kind, String heading, String markdown) {}

    /**
     * A training or event as sent.
     *
     * @param id its id when it already has one, else nothing
     * @param title what it is
     * @param startsAt when it starts
     * @param endsAt when it ends
     * @param place where it is held
     * @param onlineUrl an https link to join online
     * @param registrationUrl an https link to register
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
     * A link as sent.
     *
     * @param title what it leads to
     * @param url an https URL
     */
    public record Link(String title, String url) {}
}
