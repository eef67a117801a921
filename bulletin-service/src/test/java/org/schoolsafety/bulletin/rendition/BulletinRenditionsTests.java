package org.schoolsafety.bulletin.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.schoolsafety.bulletin.ArchiveSettings;
import org.schoolsafety.bulletin.AuthoringSettings;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.PublicationSettings;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.BulletinState;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** What each channel gets of one bulletin revision: email HTML and text, SMS, webhook JSON. */
class BulletinRenditionsTests {

    private static final String ID = "5b7e2f3a-0000-4000-8000-000000000001";

    private final BulletinRenditions renditions = new BulletinRenditions(
            new LinkProperties(URI.create("https://alerts.test.example"), null),
            JsonMapper.builder().build(),
            new BulletinSettings(
                    ZoneId.of("America/Chicago"),
                    new AuthoringSettings(DataSize.ofKilobytes(256), 20),
                    new PublicationSettings(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(2)),
                    new ArchiveSettings(20, java.time.Duration.ofDays(30)),
                    new org.schoolsafety.bulletin.AssemblySettings(
                            true,
                            java.time.DayOfWeek.MONDAY,
                            java.time.LocalTime.of(6, 0),
                            java.time.Duration.ofMinutes(1))));

    static Bulletin bulletin(String title, Tlp tlp) {
        return new Bulletin(
                ID,
                LocalDate.parse("2026-12-07"),
                title,
                null,
                tlp,
                List.of(
                        new Bulletin.Section(
                                "this-week", "This week", "Drills are **Thursday**. <script>alert(1)</script>"),
                        new Bulletin.Section("cyber-corner", "Cyber corner", "[Report phishing](javascript:alert(1))")),
                List.of(new Bulletin.Item(
                        "t-1",
                        "Safety summit",
                        Instant.parse("2026-12-09T15:00:00Z"),
                        Instant.parse("2026-12-09T22:00:00Z"),
                        "Jefferson City",
                        null,
                        "https://dese.mo.gov/summit")),
                List.of(new Bulletin.Link("Safety center", "https://dese.mo.gov/safety")),
                BulletinState.DRAFT,
                null,
                0,
                1,
                null,
                "editor",
                Instant.parse("2026-12-07T12:00:00Z"),
                Instant.parse("2026-12-07T12:00:00Z"),
                null);
    }

    private Message message(Bulletin bulletin, int revision, String correction) {
        BulletinPublished event =
                BulletinEvents.of(bulletin, revision, Instant.parse("2026-12-07T14:00:00Z"), correction);
        return renditions.of(event);
    }

    @Test
    void theEmailIsAWholeDocumentGreetingTheOrganisationWithLocalTimesTlpAndArchiveLink() {
        Message message = message(bulletin("Weekly safety update", Tlp.CLEAR), 1, null);
        assertThat(message.subject()).isEqualTo("Weekly safety update");
        Document doc = Jsoup.parse(message.html());
        assertThat(doc.title()).isEqualTo("Weekly safety update");
        assertThat(doc.text())
                .contains("Week of December 7, 2026")
                .contains("Hello " + Message.ORGANISATION_NAME + ",")
                .contains("Wed, Dec 9, 9:00 AM - 4:00 PM CST")
                .contains("TLP:CLEAR")
                .contains("Drills are Thursday.");
        assertThat(doc.select("a").eachAttr("href"))
                .contains(
                        "https://dese.mo.gov/summit",
                        "https://dese.mo.gov/safety",
                        "https://alerts.test.example/feeds/bulletins/" + ID)
                .noneMatch(href -> href.startsWith("javascript"));
        SafeHtmlTests.assertInert(doc.body().html());
        assertThat(message.text())
                .contains("Week of December 7, 2026", "Hello " + Message.ORGANISATION_NAME)
                .contains("Safety summit, Wed, Dec 9, 9:00 AM - 4:00 PM CST, Jefferson City")
                .contains("Safety center: https://dese.mo.gov/safety")
                .contains("TLP:CLEAR")
                .contains("https://alerts.test.example/feeds/bulletins/" + ID);
    }

    @Test
    void theSmsIsTitleAndArchiveLinkInOneSegment() {
        Message message = message(bulletin("Weekly safety update", Tlp.GREEN), 1, null);
        assertThat(message.sms()).isEqualTo("Weekly safety update https://alerts.test.example/feeds/bulletins/" + ID);
        Message longTitle = message(bulletin("A very long title ".repeat(12), Tlp.CLEAR), 1, null);
        assertThat(longTitle.sms()).hasSizeLessThanOrEqualTo(160).endsWith("/feeds/bulletins/" + ID);
        // typographic punctuation would force UCS-2 (70 characters a segment): sent as its GSM-7 look-alike
        Message typographic = message(bulletin("Drills \u2013 \u201Cwhat\u2019s new\u201D\u2026", Tlp.CLEAR), 1, null);
        assertThat(typographic.sms()).startsWith("Drills - \"what's new\"... https://");
    }

    @Test
    void theWebhookGetsTheEventJsonWithTheArchiveUrlAndNoGreeting() {
        Message message = message(bulletin("Weekly safety update", Tlp.GREEN), 1, null);
        DocumentContext json = JsonPath.parse(message.json());
        assertThat(json.read("$.bulletinId", String.class)).isEqualTo(ID);
        assertThat(json.read("$.tlp", String.class)).isEqualTo("GREEN");
        assertThat(json.read("$.revision", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.archiveUrl", String.class))
                .isEqualTo("https://alerts.test.example/feeds/bulletins/" + ID);
        assertThat(json.read("$.sections[0].html", String.class))
                .contains("<strong>Thursday</strong>")
                .doesNotContain("<script");
        assertThat(message.json()).doesNotContain(Message.ORGANISATION_NAME);
    }

    @Test
    void aCorrectionSaysWhatChangedFirstInEveryRendition() {
        Message message = message(bulletin("Weekly safety update", Tlp.CLEAR), 2, "The summit moved to Columbia.");
        assertThat(message.subject()).isEqualTo("Correction: Weekly safety update");
        assertThat(Jsoup.parse(message.html()).body().child(0).text())
                .isEqualTo("Correction: The summit moved to Columbia.");
        assertThat(message.text()).startsWith("CORRECTION: The summit moved to Columbia.");
        assertThat(message.sms()).startsWith("Correction: Weekly safety update");
        assertThat(JsonPath.<String>read(message.json(), "$.correction")).isEqualTo("The summit moved to Columbia.");
    }
}
