package org.schoolsafety.bulletin.bulletin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.events.vocabulary.Tlp;
import org.springframework.stereotype.Component;

/**
 * Turns an editor's draft into a bulletin's content, or refuses it naming the first field at fault: a missing
 * title, a week that is no Monday or lies before this week, an unknown section kind, too many sections, an item
 * without time or place, a link that is not https.
 */
@Component
public class DraftCheck {

    /** The standard kinds and their headings; an editor may add kinds of their own. */
    static final Map<String, String> STANDARD_KINDS = Map.of(
            "this-week", "This week",
            "cyber-corner", "Cyber corner",
            "trainings", "Trainings and events",
            "resources", "Resources",
            "reminders", "Reminders");

    private static final Pattern KIND = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");
    private static final int TITLE_MAX = 200;
    private static final int TEXT_MAX = 500;

    private final BulletinSettings settings;
    private final Clock clock;

    DraftCheck(BulletinSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The content of {@code draft} as a bulletin (id, state and times are the caller's to set). {@code anyWeek}
     * lets a correction keep the past week of a published bulletin.
     */
    public Bulletin content(BulletinDraft draft, boolean anyWeek) {
        String title = required("title", draft.title(), TITLE_MAX);
        LocalDate weekOf = week(draft.weekOf(), anyWeek);
        Tlp tlp = tlp(draft.tlp());
        String summary = optional("summary", draft.summary(), 1000);
        List<Bulletin.Section> sections = sections(draft.sections());
        List<Bulletin.Item> items = items(draft.items());
        List<Bulletin.Link> links = links(draft.links());
        return new Bulletin(
                null, weekOf, title, summary, tlp, sections, items, links, null, null, 0, 0, null, null, null, null,
                null);
    }

    private LocalDate week(LocalDate weekOf, boolean anyWeek) {
        if (weekOf == null) {
            throw new BulletinRefusal.Rejected(
                    "weekOf", "weekOf is required: the Monday of the week, e.g. 2026-12-07.");
        }
        if (weekOf.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new BulletinRefusal.Rejected(
                    "weekOf", "weekOf must be a Monday; " + weekOf + " is a " + weekOf.getDayOfWeek() + ".");
        }
        LocalDate thisWeek =
                LocalDate.now(clock.withZone(settings.zone())).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (!anyWeek && weekOf.isBefore(thisWeek)) {
            throw new BulletinRefusal.Rejected(
                    "weekOf", "weekOf lies before this week (" + thisWeek + "); a bulletin is for this week or later.");
        }
        return weekOf;
    }

    private static Tlp tlp(String tlp) {
        if (tlp == null || tlp.isBlank()) {
            return Tlp.CLEAR;
        }
        return switch (tlp.strip().toUpperCase(Locale.ROOT)) {
            case "CLEAR" -> Tlp.CLEAR;
            case "GREEN" -> Tlp.GREEN;
            default -> throw new BulletinRefusal.Rejected("tlp", "tlp is CLEAR or GREEN; a bulletin is never " + tlp);
        };
    }

    private List<Bulletin.Section> sections(List<BulletinDraft.Section> sections) {
        if (sections == null) {
            return List.of();
        }
        int max = settings.authoring().maxSections();
        if (sections.size() > max) {
            throw new BulletinRefusal.Rejected(
                    "sections", "A bulletin has at most " + max + " sections, not " + sections.size() + ".");
        }
        List<Bulletin.Section> checked = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String field = "sections[" + i + "]";
            BulletinDraft.Section section = sections.get(i);
            if (section == null) {
                throw new BulletinRefusal.Rejected(field, field + " is empty.");
            }
            String kind = section.kind();
            if (kind == null || kind.isBlank()) {
                throw new BulletinRefusal.Rejected(field + ".kind", field + ".kind is required.");
            }
            if (!KIND.matcher(kind).matches()) {
                throw new BulletinRefusal.Rejected(
                        field + ".kind",
                        "A section kind is one of "
                                + String.join(
                                        ", ",
                                        STANDARD_KINDS.keySet().stream()
                                                .sorted()
                                                .toList())
                                + ", or lower-case letters, digits and hyphens (up to 40).");
            }
            String heading = optional(field + ".heading", section.heading(), TITLE_MAX);
            String markdown = section.markdown() == null ? "" : section.markdown();
            checked.add(new Bulletin.Section(kind, heading == null ? heading(kind) : heading, markdown));
        }
        return checked;
    }

    private static String heading(String kind) {
        String standard = STANDARD_KINDS.get(kind);
        if (standard != null) {
            return standard;
        }
        String words = kind.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static List<Bulletin.Item> items(List<BulletinDraft.Item> items) {
        if (items == null) {
            return List.of();
        }
        List<Bulletin.Item> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "items[" + i + "]";
            BulletinDraft.Item item = items.get(i);
            if (item == null) {
                throw new BulletinRefusal.Rejected(field, field + " is empty.");
            }
            String title = required(field + ".title", item.title(), TITLE_MAX);
            if (item.startsAt() == null) {
                throw new BulletinRefusal.Rejected(field + ".startsAt", field + ".startsAt is required.");
            }
            if (item.endsAt() == null || item.endsAt().isBefore(item.startsAt())) {
                throw new BulletinRefusal.Rejected(
                        field + ".endsAt", field + ".endsAt is required and not before startsAt.");
            }
            String place = optional(field + ".place", item.place(), TEXT_MAX);
            String online = https(field + ".onlineUrl", item.onlineUrl(), false);
            if (place == null && online == null) {
                throw new BulletinRefusal.Rejected(field + ".place", field + " needs a place or an onlineUrl.");
            }
            String registration = https(field + ".registrationUrl", item.registrationUrl(), false);
            String id = item.id() == null || item.id().isBlank()
                    ? UUID.randomUUID().toString()
                    : optional(field + ".id", item.id(), 64);
            checked.add(new Bulletin.Item(id, title, item.startsAt(), item.endsAt(), place, online, registration));
        }
        return checked;
    }

    private static List<Bulletin.Link> links(List<BulletinDraft.Link> links) {
        if (links == null) {
            return List.of();
        }
        List<Bulletin.Link> checked = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            String field = "links[" + i + "]";
            BulletinDraft.Link link = links.get(i);
            if (link == null) {
                throw new BulletinRefusal.Rejected(field, field + " is empty.");
            }
            checked.add(new Bulletin.Link(
                    required(field + ".title", link.title(), TITLE_MAX), https(field + ".url", link.url(), true)));
        }
        return checked;
    }

    /** An absolute https URL with a host; links go to schools' inboxes, so nothing else. */
    static String https(String field, String url, boolean required) {
        if (url == null || url.isBlank()) {
            if (required) {
                throw new BulletinRefusal.Rejected(field, field + " is required.");
            }
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && url.length() <= 2000) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // refused below like any other URL that is not https
        }
        throw new BulletinRefusal.Rejected(field, field + " must be an absolute https URL.");
    }

    private static String required(String field, String value, int max) {
        String checked = optional(field, value, max);
        if (checked == null) {
            throw new BulletinRefusal.Rejected(field, field + " is required.");
        }
        return checked;
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new BulletinRefusal.Rejected(field, field + " is at most " + max + " characters.");
        }
        return stripped;
    }
}
