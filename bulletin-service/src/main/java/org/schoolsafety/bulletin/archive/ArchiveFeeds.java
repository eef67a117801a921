package org.schoolsafety.bulletin.archive;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive's feeds, both of the latest public bulletins: Atom (RFC 4287, written by Rome) and JSON Feed 1.1.
 * Each entry links the bulletin's page at its stable URL; an entry's date is its latest revision's, so a correction
 * shows as an update.
 */
@Component
class ArchiveFeeds {

    static final String ATOM = "application/atom+xml";
    static final String JSON_FEED = "application/feed+json";
    static final String TITLE = "Weekly school safety updates";
    private static final String DESCRIPTION =
            "The weekly school safety update of the School Safety Alert Network: the public (TLP:CLEAR) bulletins.";

    private final LinkProperties links;
    private final JsonMapper json;

    ArchiveFeeds(LinkProperties links, JsonMapper json) {
        this.links = links;
        this.json = json;
    }

    String atom(List<BulletinPublished> bulletins, Instant now) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri(links.link(ArchivePages.BASE + "/atom.xml"));
        feed.setTitle(TITLE);
        feed.setDescription(DESCRIPTION);
        feed.setAuthor("School Safety Alert Network");
        feed.setLanguage("en");
        feed.setLinks(List.of(
                link("self", links.link(ArchivePages.BASE + "/atom.xml"), ATOM),
                link("alternate", links.link(ArchivePages.BASE), "text/html")));
        feed.setPublishedDate(Date.from(bulletins.stream()
                .map(BulletinPublished::publishedAt)
                .max(Instant::compareTo)
                .orElse(now)));
        List<SyndEntry> entries = new ArrayList<>();
        for (BulletinPublished bulletin : bulletins) {
            String page = links.link(ArchivePages.pagePath(bulletin.bulletinId()));
            SyndEntry entry = new SyndEntryImpl();
            entry.setUri(page);
            entry.setTitle(bulletin.title());
            entry.setLink(page);
            entry.setUpdatedDate(Date.from(bulletin.publishedAt()));
            entry.setPublishedDate(Date.from(bulletin.publishedAt()));
            entry.setDescription(content("text", bulletin.summary()));
            entry.setContents(List.of(content("html", contentHtml(bulletin))));
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("the Atom feed could not be written", e);
        }
    }

    /** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version, title and items with id and content. */
    String jsonFeed(List<BulletinPublished> bulletins) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", TITLE);
        feed.put("home_page_url", links.link(ArchivePages.BASE));
        feed.put("feed_url", links.link(ArchivePages.BASE + "/feed.json"));
        feed.put("description", DESCRIPTION);
        feed.put("language", "en");
        List<Map<String, Object>> items = new ArrayList<>();
        for (BulletinPublished bulletin : bulletins) {
            String page = links.link(ArchivePages.pagePath(bulletin.bulletinId()));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", page);
            item.put("url", page);
            item.put("title", bulletin.title());
            item.put("summary", bulletin.summary());
            item.put("content_html", contentHtml(bulletin));
            item.put("date_published", bulletin.publishedAt().toString());
            item.put("date_modified", bulletin.publishedAt().toString());
            item.put("tags", List.of("week-of-" + bulletin.weekOf()));
            items.add(item);
        }
        feed.put("items", items);
        return json.writeValueAsString(feed);
    }

    /** The correction, summary and sections as one HTML fragment; only escaped text and cleaned section HTML. */
    private static String contentHtml(BulletinPublished bulletin) {
        StringBuilder html = new StringBuilder();
        if (bulletin.correction() != null) {
            html.append("<p><strong>What changed:</strong> ")
                    .append(ArchivePages.esc(bulletin.correction()))
                    .append("</p>");
        }
        html.append("<p>").append(ArchivePages.esc(bulletin.summary())).append("</p>");
        bulletin.sections()
                .forEach(section -> html.append("<h2>")
                        .append(ArchivePages.esc(section.heading()))
                        .append("</h2>")
                        .append(Jsoup.clean(section.html(), Safelist.relaxed())));
        return html.toString();
    }

    private static SyndContentImpl content(String type, String value) {
        SyndContentImpl content = new SyndContentImpl();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLinkImpl link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }
}
