package org.schoolsafety.bulletin.archive;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The archive's HTML5 pages. Everything taken from a bulletin is escaped here, except each section's {@code html},
 * which publication already sanitised and which is cleaned once more against an allow-list, so that a record
 * written by anything else still cannot put a script on a public page. Markdown is never shown as HTML.
 *
 * <p>Near the length limit because each element is written by hand where it is escaped, which keeps that visible.
 */
@Component
class ArchivePages {

    static final String BASE = "/feeds/bulletins";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, h:mm a z", Locale.US);
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.US);
    private static final Safelist SECTION_HTML = Safelist.relaxed();

    private final ZoneId zone;

    ArchivePages(BulletinSettings settings) {
        this.zone = settings.zone();
    }

    static String pagePath(String bulletinId) {
        return BASE + "/" + UriUtils.encodePathSegment(bulletinId, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String revisionPath(String bulletinId, int revision) {
        return pagePath(bulletinId) + "/revisions/" + revision;
    }

    /** The list of bulletins (already searched and sorted), with the search form filled in. */
    String list(List<BulletinPublished> bulletins, String q, String week) {
        StringBuilder page = head("Weekly school safety updates");
        page.append("<h1>Weekly school safety updates</h1>")
                .append("<form method=\"get\" action=\"")
                .append(BASE)
                .append("\"><label>Search <input type=\"search\" name=\"q\" value=\"")
                .append(esc(q))
                .append("\"></label> <label>Week of <input type=\"date\" name=\"week\" value=\"")
                .append(esc(week))
                .append("\"></label> <button type=\"submit\">Search</button></form>")
                .append("<p><a href=\"")
                .append(BASE)
                .append("/atom.xml\">Atom feed</a> · <a href=\"")
                .append(BASE)
                .append("/feed.json\">JSON Feed</a></p>");
        if (bulletins.isEmpty()) {
            page.append("<p id=\"none\">No bulletin matches.</p>");
        } else {
            page.append("<ol id=\"bulletins\">");
            for (BulletinPublished bulletin : bulletins) {
                page.append("<li><a href=\"")
                        .append(esc(pagePath(bulletin.bulletinId())))
                        .append("\">")
                        .append(esc(bulletin.title()))
                        .append("</a> <span class=\"week\">week of <time datetime=\"")
                        .append(bulletin.weekOf())
                        .append("\">")
                        .append(WEEK.format(bulletin.weekOf()))
                        .append("</time></span><p>")
                        .append(esc(bulletin.summary()))
                        .append("</p></li>");
            }
            page.append("</ol>");
        }
        return foot(page);
    }

    /**
     * One revision of a bulletin with every revision listed; the latest says what its correction changed, an
     * earlier one says that it was replaced.
     */
    String bulletin(BulletinPublished shown, List<BulletinPublished> revisions) {
        int latest =
                revisions.isEmpty() ? shown.revision() : revisions.getLast().revision();
        StringBuilder page = head(shown.title());
        page.append("<article><h1>")
                .append(esc(shown.title()))
                .append("</h1><p class=\"meta\">Week of <time datetime=\"")
                .append(shown.weekOf())
                .append("\">")
                .append(WEEK.format(shown.weekOf()))
                .append("</time> · TLP:")
                .append(shown.tlp().name())
                .append(" · published ")
                .append(time(shown.publishedAt()))
                .append(" · revision ")
                .append(shown.revision())
                .append("</p>");
        if (shown.revision() < latest) {
            page.append("<p id=\"superseded\"><strong>This is an earlier revision.</strong> <a href=\"")
                    .append(esc(pagePath(shown.bulletinId())))
                    .append("\">Read the latest.</a></p>");
        }
        if (shown.correction() != null) {
            page.append("<section id=\"correction\"><h2>What changed</h2><p>")
                    .append(esc(shown.correction()))
                    .append("</p></section>");
        }
        page.append("<p class=\"summary\">").append(esc(shown.summary())).append("</p>");
        shown.sections().forEach(section -> section(page, section));
        trainings(page, shown.trainings());
        links(page, shown.links());
        page.append("</article>");
        revisions(page, shown, revisions);
        page.append("<p><a href=\"").append(BASE).append("\">All bulletins</a></p>");
        return foot(page);
    }

    private static void section(StringBuilder page, BulletinSection section) {
        page.append("<section class=\"")
                .append(esc(section.kind()))
                .append("\"><h2>")
                .append(esc(section.heading()))
                .append("</h2>")
                .append(Jsoup.clean(section.html(), SECTION_HTML))
                .append("</section>");
    }

    private void trainings(StringBuilder page, List<BulletinTraining> trainings) {
        if (trainings.isEmpty()) {
            return;
        }
        page.append("<section id=\"trainings\"><h2>Trainings and events</h2><ul>");
        for (BulletinTraining training : trainings) {
            page.append("<li><strong>")
                    .append(esc(training.title()))
                    .append("</strong>, ")
                    .append(time(training.startsAt()))
                    .append(" to ")
                    .append(time(training.endsAt()));
            if (training.place() != null) {
                page.append(", ").append(esc(training.place()));
            }
            anchor(page, " · ", training.onlineUrl(), "join online");
            anchor(page, " · ", training.registrationUrl(), "register");
            page.append("</li>");
        }
        page.append("</ul></section>");
    }

    private static void links(StringBuilder page, List<BulletinLink> links) {
        if (links.isEmpty()) {
            return;
        }
        page.append("<section id=\"links\"><h2>Links</h2><ul>");
        for (BulletinLink link : links) {
            page.append("<li>");
            if (!anchor(page, "", link.url(), link.title())) {
                page.append(esc(link.title()));
            }
            page.append("</li>");
        }
        page.append("</ul></section>");
    }

    private static void revisions(StringBuilder page, BulletinPublished shown, List<BulletinPublished> revisions) {
        if (revisions.size() < 2) {
            return;
        }
        page.append("<nav id=\"revisions\"><h2>Revisions</h2><ol>");
        for (BulletinPublished revision : revisions) {
            page.append("<li>");
            String label = "Revision " + revision.revision()
                    + (revision.correction() == null ? "" : ": " + revision.correction());
            if (revision.revision() == shown.revision()) {
                page.append("<strong>").append(esc(label)).append("</strong>");
            } else {
                page.append("<a href=\"")
                        .append(esc(revisionPath(revision.bulletinId(), revision.revision())))
                        .append("\">")
                        .append(esc(label))
                        .append("</a>");
            }
            page.append("</li>");
        }
        page.append("</ol></nav>");
    }

    /** A link only to an absolute {@code https} URL; anything else is left out. Says whether one was written. */
    private static boolean anchor(StringBuilder page, String before, String url, String text) {
        if (!isHttps(url)) {
            return false;
        }
        page.append(before)
                .append("<a href=\"")
                .append(esc(url))
                .append("\" rel=\"noopener noreferrer\">")
                .append(esc(text))
                .append("</a>");
        return true;
    }

    static boolean isHttps(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + esc(WHEN.format(instant.atZone(zone))) + "</time>";
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(4096)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title))
                .append("</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
                .append(BASE)
                .append("/atom.xml\" title=\"Weekly school safety updates\"></head><body>");
    }

    private static String foot(StringBuilder page) {
        return page.append("</body></html>").toString();
    }

    static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
