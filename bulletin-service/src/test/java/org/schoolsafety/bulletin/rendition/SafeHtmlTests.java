package org.schoolsafety.bulletin.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An editor's Markdown never carries active content into an email or a page: each vector of an XSS corpus in
 * the style of OWASP's filter-evasion cheat sheet, as raw HTML and inside Markdown, is rendered and the output
 * parsed; no element may have an event handler, a URL of another scheme than http, https or mailto, or be a
 * script, iframe, form, object, embed, image or style, and no style attribute survives.
 */
class SafeHtmlTests {

    private static final List<String> FORBIDDEN_TAGS = List.of(
            "script",
            "iframe",
            "frame",
            "frameset",
            "form",
            "input",
            "button",
            "object",
            "embed",
            "img",
            "svg",
            "math",
            "style",
            "link",
            "meta",
            "base",
            "video",
            "audio",
            "source",
            "textarea",
            "select",
            "applet");

    static Stream<String> vectors() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
                "<ScRiPt>alert('XSS')</sCrIpT>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<IMG SRC=JaVaScRiPt:alert('XSS')>",
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
                "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
                "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
                "<a href=\"javascript&colon;alert(1)\">x</a>",
                "<a href=\" javascript:alert(1)\">x</a>",
                "<a href=\"JaVaScRiPt:alert(1)\" onclick=\"alert(2)\">x</a>",
                "<svg onload=alert(1)>",
                "<svg/onload=alert('XSS')>",
                "<body onload=alert('XSS')>",
                "<iframe src=\"javascript:alert('XSS');\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<form action=\"https://evil.example\"><input type=submit></form>",
                "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
                "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
                "<p style=\"width: expression(alert('XSS'));\">x</p>",
                "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
                "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
                "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
                "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><tr><td>x</td></tr></TABLE>",
                "<div><p><b onmouseover=alert(1)>nested <i onfocus=alert(2) tabindex=1>deep</i></b></p></div>",
                "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<details open ontoggle=alert(1)>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<base href=\"javascript:alert(1)//\">",
                "[x](javascript:alert(1))",
                "[x](JAVASCRIPT:alert(1))",
                "[x](javascript&#58;alert(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[x]( javascript:alert(1) \"title\")",
                "[x][ref]\n\n[ref]: javascript:alert(1)",
                "![x](javascript:alert(1))",
                "![x](https://x.example/a.png\" onerror=\"alert(1))",
                "<javascript:alert(1)>",
                "<data:text/html,alert(1)>",
                "**bold <img src=x onerror=alert(1)>**",
                "> <script>alert(1)</script>\n> quoted",
                "```html\n<script>alert(1)</script>\n```",
                "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">ok</a>",
                "[ok](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void noVectorSurvivesAsActiveContent(String vector) {
        assertInert(SafeHtml.of(vector));
        assertInert(SafeHtml.of("Intro paragraph.\n\n" + vector + "\n\nAfter."));
        // and straight through the allow-list, as if CommonMark had let it pass
        assertInert(SafeHtml.clean(vector));
    }

    @Test
    void ordinaryMarkdownKeepsItsFormattingAndSafeLinks() {
        String html = SafeHtml.of(
                "## Drills\n\nThe **severe weather** drill is *Thursday*.\n\n- one\n- two\n\n"
                        + "[Guide](https://dese.mo.gov/guide) or <https://dese.mo.gov/auto> or [mail](mailto:safety@dese.mo.gov)");
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("h2").text()).isEqualTo("Drills");
        assertThat(doc.select("strong").text()).isEqualTo("severe weather");
        assertThat(doc.select("li")).hasSize(2);
        assertThat(doc.select("a").eachAttr("href"))
                .containsExactly("https://dese.mo.gov/guide", "https://dese.mo.gov/auto", "mailto:safety@dese.mo.gov");
        assertThat(doc.select("a").eachAttr("rel")).allMatch(rel -> rel.contains("nofollow"));
    }

    @Test
    void rawHtmlIsShownAsTextNotDropped() {
        assertThat(Jsoup.parseBodyFragment(SafeHtml.of("Use <b>caution</b>")).text())
                .contains("<b>caution</b>");
    }

    static void assertInert(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element element : doc.body().getAllElements()) {
            assertThat(FORBIDDEN_TAGS).as(html).doesNotContain(element.normalName());
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name)
                        .as(html)
                        .doesNotStartWith("on")
                        .isNotEqualTo("style")
                        .isNotEqualTo("srcdoc");
                if (List.of("href", "src", "action", "formaction", "background", "cite", "data", "xlink:href")
                        .contains(name)) {
                    String value = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                    assertThat(value)
                            .as(html)
                            .matches(v ->
                                    v.startsWith("http://") || v.startsWith("https://") || v.startsWith("mailto:"));
                }
            }
        }
    }
}
