package org.schoolsafety.bulletin.assembly;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * The cyber corner's Markdown: the advisories since the last bulletin, KEV additions apart. Everything taken from
 * an event is escaped, so an advisory's title is shown as written and never becomes a link, markup or HTML.
 */
final class CyberCorner {

    static final String KEV_SOURCE = "cisa-kev";
    static final String KEV_HEADING = "Added to CISA's Known Exploited Vulnerabilities catalog";
    /** Enough for any real week; a flood of advisories must not make a draft the editor cannot save. */
    static final int MAX_LISTED = 40;

    private static final int TITLE_MAX = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private CyberCorner() {}

    /** The section's Markdown for {@code advisories} published since {@code since}. */
    static String markdown(List<AdvisoryPublished> advisories, Instant since, ZoneId zone) {
        List<AdvisoryPublished> kev =
                advisories.stream().filter(CyberCorner::isKev).limit(MAX_LISTED).toList();
        List<AdvisoryPublished> others =
                advisories.stream().filter(a -> !isKev(a)).limit(MAX_LISTED).toList();
        String sinceDay = DAY.format(since.atZone(zone));
        StringBuilder text = new StringBuilder();
        if (others.isEmpty() && kev.isEmpty()) {
            return "No new cyber advisories since " + sinceDay + ".\n";
        }
        if (!others.isEmpty()) {
            text.append("Advisories published since ").append(sinceDay).append(":\n\n");
            others.forEach(a -> text.append(line(a)));
            text.append('\n');
        }
        if (!kev.isEmpty()) {
            text.append("**").append(KEV_HEADING).append("**\n\n");
            kev.forEach(a -> text.append(line(a)));
        }
        return text.toString();
    }

    /** GREEN when any listed advisory is GREEN, else CLEAR. */
    static Tlp tlp(List<AdvisoryPublished> advisories) {
        return advisories.stream().anyMatch(a -> a.tlp() == Tlp.GREEN) ? Tlp.GREEN : Tlp.CLEAR;
    }

    static boolean isKev(AdvisoryPublished advisory) {
        return KEV_SOURCE.equalsIgnoreCase(advisory.source());
    }

    private static String line(AdvisoryPublished advisory) {
        String title = advisory.title().length() > TITLE_MAX
                ? advisory.title().substring(0, TITLE_MAX) + "..."
                : advisory.title();
        StringBuilder line = new StringBuilder("- **")
                .append(escape(title))
                .append("** - severity ")
                .append(escape(advisory.severity()))
                .append(", TLP:")
                .append(advisory.tlp().name().replace('_', '+'));
        if (!advisory.cves().isEmpty()) {
            line.append(", ").append(escape(String.join(", ", advisory.cves())));
        }
        return line.append('\n').toString();
    }

    /**
     * {@code text} as literal Markdown: line breaks become spaces and every ASCII punctuation character is
     * backslash-escaped, which CommonMark allows for all of them; so no emphasis, link, heading, list or HTML.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.strip().toCharArray()) {
            if (c == '\r' || c == '\n' || c == '\t') {
                escaped.append(' ');
            } else if (c < 128 && isPunctuation(c)) {
                escaped.append('\\').append(c);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
