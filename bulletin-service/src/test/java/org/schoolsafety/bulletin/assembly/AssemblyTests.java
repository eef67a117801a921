package org.schoolsafety.bulletin.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.vocabulary.Tlp;

/** When the weekly draft is due, and the cyber corner's Markdown: KEV apart, event text escaped. */
class AssemblyTests {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalTime SIX = LocalTime.of(6, 0);

    @Test
    void theDraftIsDueFromMondaySixInChicagoForThatWeek() {
        // 2026-12-07 is a Monday; 06:00 CST is 12:00 UTC. Before it, nothing: last week is over
        assertThat(AssemblyPoller.dueWeek(Instant.parse("2026-12-07T11:59:00Z"), CHICAGO, DayOfWeek.MONDAY, SIX))
                .isEmpty();
        assertThat(AssemblyPoller.dueWeek(Instant.parse("2026-12-07T12:00:00Z"), CHICAGO, DayOfWeek.MONDAY, SIX))
                .contains(LocalDate.of(2026, 12, 7));
        assertThat(AssemblyPoller.dueWeek(Instant.parse("2026-12-13T20:00:00Z"), CHICAGO, DayOfWeek.MONDAY, SIX))
                .contains(LocalDate.of(2026, 12, 7));
    }

    @Test
    void aFridayAssemblyDraftsTheComingWeek() {
        // Friday 2026-12-11 14:00 CST
        assertThat(AssemblyPoller.dueWeek(
                        Instant.parse("2026-12-11T20:00:00Z"), CHICAGO, DayOfWeek.FRIDAY, LocalTime.of(14, 0)))
                .contains(LocalDate.of(2026, 12, 14));
        assertThat(AssemblyPoller.dueWeek(
                        Instant.parse("2026-12-11T19:59:00Z"), CHICAGO, DayOfWeek.FRIDAY, LocalTime.of(14, 0)))
                .contains(LocalDate.of(2026, 12, 7));
    }

    @Test
    void kevAdditionsAreListedApartAndTheTlpIsGreenOnlyWithAGreenAdvisory() {
        AdvisoryPublished clear = advisory("a-1", "Phishing kit", Tlp.CLEAR, "cisa-advisories");
        AdvisoryPublished kev = advisory("a-2", "Router auth bypass", Tlp.CLEAR, "cisa-kev");
        AdvisoryPublished green = advisory("a-3", "Partner note", Tlp.GREEN, "partner");

        String markdown = CyberCorner.markdown(List.of(clear, kev), Instant.parse("2026-12-01T12:00:00Z"), CHICAGO);

        assertThat(markdown.indexOf("Phishing kit")).isLessThan(markdown.indexOf(CyberCorner.KEV_HEADING));
        assertThat(markdown.indexOf(CyberCorner.KEV_HEADING)).isLessThan(markdown.indexOf("Router auth bypass"));
        assertThat(markdown).contains("December 1, 2026", "TLP:CLEAR", "CVE\\-2026\\-0001");
        assertThat(CyberCorner.tlp(List.of(clear, kev))).isEqualTo(Tlp.CLEAR);
        assertThat(CyberCorner.tlp(List.of(clear, green))).isEqualTo(Tlp.GREEN);
        assertThat(CyberCorner.markdown(List.of(), Instant.parse("2026-12-01T12:00:00Z"), CHICAGO))
                .startsWith("No new cyber advisories");
    }

    @Test
    void eventTextNeverBecomesMarkupLinksOrHtml() {
        String hostile = "*bold* [x](javascript:alert(1)) <script>alert(1)</script>\n# heading & `code` _u_ ![i](y)";

        String html = HtmlRenderer.builder()
                .escapeHtml(true)
                .build()
                .render(Parser.builder().build().parse(CyberCorner.escape(hostile)));

        assertThat(html)
                .doesNotContain("<em>", "<strong>", "<a ", "<script", "<h1", "<code>", "<img")
                .contains("*bold*", "&lt;script&gt;", "[x](javascript:alert(1))", "&amp;");
    }

    private static AdvisoryPublished advisory(String id, String title, Tlp tlp, String source) {
        return new AdvisoryPublished(
                id,
                title,
                "summary",
                "high",
                tlp,
                List.of("CVE-2026-0001"),
                source,
                Instant.parse("2026-12-03T12:00:00Z"));
    }
}
