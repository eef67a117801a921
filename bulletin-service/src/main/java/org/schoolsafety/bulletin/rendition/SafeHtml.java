package org.schoolsafety.bulletin.rendition;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * An editor's Markdown as HTML safe to put in an email or a page. Two layers, so that a gap in one does not
 * reach a reader: CommonMark escapes raw HTML and drops unsafe link schemes, then jsoup keeps only an allow-list
 * of elements and attributes (no script, iframe, form, object, embed, image, style or event handler) and links
 * only to http, https and mailto, each marked {@code rel="nofollow noopener noreferrer"}.
 */
public final class SafeHtml {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("img")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false).charset("UTF-8");

    private SafeHtml() {}

    /** The Markdown rendered and sanitised. */
    public static String of(String markdown) {
        return clean(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }

    /** Any HTML reduced to the allow-list. */
    static String clean(String html) {
        return Jsoup.clean(html, "", SAFELIST, OUTPUT);
    }
}
