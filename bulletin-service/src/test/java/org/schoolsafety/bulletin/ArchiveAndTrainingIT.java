package org.schoolsafety.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.bulletin.ArchiveTestSupport.bulletin;
import static org.schoolsafety.bulletin.ArchiveTestSupport.token;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.bulletin.training.Training;
import org.schoolsafety.bulletin.training.Trainings;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive and the training calendar on one started service, a real broker and a real Redis: bulletins put on
 * {@code bulletins} as publication does, read back through the public pages and feeds (parsed with jsoup, Rome,
 * Jackson and ical4j) and through the API; TLP:GREEN never under {@code /feeds}.
 *
 * <p>Long because both features share one started service (one context, for speed).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ssn.links.base-url=https://ssan.test.example", "ssn.redis.wipe-check=300ms"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveAndTrainingIT {

    static final Instant NOW = Instant.parse("2026-12-08T15:00:00Z");
    static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    static final LocalDate DEC_7 = LocalDate.of(2026, 12, 7);
    static final String HOSTILE_TITLE = "Fire drills </title><script>alert(1)</script> & more";

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock archiveTestClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    private final String editor = token("STATE_EDITOR");
    private final String coordinator = token("SCHOOL_COORDINATOR");

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private Trainings trainings;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void publishBulletins() {
        Instant nov30 = Instant.parse("2026-11-30T12:00:00Z");
        Instant dec7 = Instant.parse("2026-12-07T12:00:00Z");
        ArchiveTestSupport.publish(
                template,
                bulletin("b-nov", NOV_30, "Winter weather readiness", Tlp.CLEAR, 1, nov30, null),
                bulletin("b-green", DEC_7, "Partner-only phishing campaign", Tlp.GREEN, 1, dec7, null),
                bulletin("b-dec", DEC_7, "Door locks and visitor sign-in", Tlp.CLEAR, 1, dec7, null),
                bulletin(
                        "b-dec",
                        DEC_7,
                        "Door locks and visitor sign-in (corrected)",
                        Tlp.CLEAR,
                        2,
                        dec7.plus(Duration.ofHours(3)),
                        "The training date was wrong: it is on 15 December."),
                bulletin("b-hostile", NOV_30, HOSTILE_TITLE, Tlp.CLEAR, 1, nov30.minusSeconds(60), null));
        // the same revision again, as a replay would bring it: archived once
        ArchiveTestSupport.publish(
                template, bulletin("b-nov", NOV_30, "Winter weather readiness", Tlp.CLEAR, 1, nov30, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> archived("b-dec", 2) && archived("b-hostile", 1));
    }

    private boolean archived(String bulletinId, int revisions) throws Exception {
        HttpResponse<String> response = get("/api/bulletins/archive/" + bulletinId, editor);
        return response.statusCode() == 200
                && JsonPath.<List<?>>read(response.body(), "$.revisions").size() == revisions;
    }

    // --- the public archive ----------------------------------------------------------------------------------

    @Test
    void thePublicListShowsClearBulletinsNewestFirstAndNeverGreen() throws Exception {
        HttpResponse<String> response = get("/feeds/bulletins", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        Document page = wellFormed(response.body());
        List<String> titles =
                page.select("#bulletins > li > a").stream().map(Element::text).toList();
        // other tests add bulletins of their own; these three are in this order whatever else is there
        assertThat(titles)
                .containsSubsequence(
                        "Door locks and visitor sign-in (corrected)", "Winter weather readiness", HOSTILE_TITLE)
                .doesNotContain("Partner-only phishing campaign");
        assertThat(page.select("#bulletins > li > a").first().attr("href")).isEqualTo("/feeds/bulletins/b-dec");
        assertThat(response.body()).doesNotContain("Partner-only", "b-green");
    }

    @Test
    void theArchiveIsSearchedByTextAndByWeek() throws Exception {
        assertThat(listed("/feeds/bulletins?q=WINTER%20readiness")).containsExactly("Winter weather readiness");
        assertThat(listed("/feeds/bulletins?q=door+locks")) // every section of these speaks of door locks
                .contains("Door locks and visitor sign-in (corrected)", "Winter weather readiness", HOSTILE_TITLE)
                .doesNotContain("Partner-only phishing campaign");
        assertThat(listed("/feeds/bulletins?q=visitor&week=2026-11-30")).isEmpty();
        // any day of the week finds that week's Monday bulletin
        assertThat(listed("/feeds/bulletins?week=2026-12-09"))
                .containsExactly("Door locks and visitor sign-in (corrected)");
        assertThat(listed("/feeds/bulletins?q=phishing")).isEmpty();

        HttpResponse<String> badWeek = get("/feeds/bulletins?week=last-week", null);
        assertThat(badWeek.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(badWeek.body(), "$.errors[0].field")).isEqualTo("week");
    }

    @Test
    void aCorrectedBulletinShowsWhatChangedAndLinksItsEarlierRevision() throws Exception {
        HttpResponse<String> response = get("/feeds/bulletins/b-dec", null);

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = wellFormed(response.body());
        assertThat(page.title()).isEqualTo("Door locks and visitor sign-in (corrected)");
        assertThat(page.select("#correction p").text()).isEqualTo("The training date was wrong: it is on 15 December.");
        assertThat(page.select("#revisions a").attr("href")).isEqualTo("/feeds/bulletins/b-dec/revisions/1");
        assertThat(page.select("#superseded")).isEmpty();
        assertThat(page.select("#links a").attr("href")).isEqualTo("https://example.org/locks");
        assertThat(page.select("#trainings li").text()).contains("Reunification drill", "Jefferson City");

        Document first =
                wellFormed(get("/feeds/bulletins/b-dec/revisions/1", null).body());
        assertThat(first.title()).isEqualTo("Door locks and visitor sign-in");
        assertThat(first.select("#superseded a").attr("href")).isEqualTo("/feeds/bulletins/b-dec");
        assertThat(first.select("#correction")).isEmpty();

        assertThat(get("/feeds/bulletins/b-dec/revisions/3", null).statusCode()).isEqualTo(404);
        assertThat(get("/feeds/bulletins/no-such-bulletin", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aGreenBulletinDoesNotExistUnderFeeds() throws Exception {
        HttpResponse<String> green = get("/feeds/bulletins/b-green", null);
        assertThat(green.statusCode()).isEqualTo(404);
        assertThat(green.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(green.body()).doesNotContain("Partner-only");
        assertThat(get("/feeds/bulletins/b-green/revisions/1", null).statusCode())
                .isEqualTo(404);
        assertThat(get("/feeds/bulletins/atom.xml", null).body()).doesNotContain("b-green", "Partner-only");
        assertThat(get("/feeds/bulletins/feed.json", null).body()).doesNotContain("b-green", "Partner-only");
        assertThat(get("/feeds/bulletins?q=partner", null).body()).doesNotContain("b-green", "Partner-only");
    }

    @Test
    void titlesAreEscapedAndSectionHtmlCannotCarryScript() throws Exception {
        ArchiveTestSupport.publish(
                template,
                new BulletinPublished(
                        "b-xss",
                        LocalDate.of(2026, 11, 23),
                        "Plain title",
                        "<img src=x onerror=alert(2)>",
                        Instant.parse("2026-11-23T12:00:00Z"),
                        1,
                        Tlp.CLEAR,
                        List.of(new org.schoolsafety.events.bulletin.BulletinSection(
                                "reminders",
                                "<b>Reminders</b>",
                                "<script>alert(3)</script>",
                                "<p onclick=\"alert(4)\">Hi<script>alert(5)</script>"
                                        + "<a href=\"javascript:alert(6)\">x</a></p>")),
                        List.of(),
                        List.of(new org.schoolsafety.events.bulletin.BulletinLink("Evil", "javascript:alert(7)")),
                        null));
        await().atMost(Duration.ofSeconds(20)).until(() -> archived("b-xss", 1));

        String html = get("/feeds/bulletins/b-xss", null).body();
        Document page = wellFormed(html);
        assertThat(page.select("script, [onclick], [onerror], img")).isEmpty();
        assertThat(page.select("a[href^=javascript]")).isEmpty();
        assertThat(page.select(".reminders h2").text()).isEqualTo("<b>Reminders</b>");
        assertThat(page.select(".summary").text()).isEqualTo("<img src=x onerror=alert(2)>");
        assertThat(html).doesNotContain("alert(3)"); // Markdown is never shown

        Document hostile = wellFormed(get("/feeds/bulletins/b-hostile", null).body());
        assertThat(hostile.title()).isEqualTo(HOSTILE_TITLE);
        assertThat(hostile.select("script")).isEmpty();
        String atom = get("/feeds/bulletins/atom.xml", null).body();
        assertThat(atom).doesNotContain("<script>");
    }

    @Test
    void theAtomFeedParsesAndLinksEachBulletinsPage() throws Exception {
        HttpResponse<String> response = get("/feeds/bulletins/atom.xml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/atom+xml"));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Weekly school safety updates");
        SyndEntry first = feed.getEntries().getFirst();
        assertThat(first.getTitle()).isEqualTo("Door locks and visitor sign-in (corrected)");
        assertThat(first.getLink()).isEqualTo("https://ssan.test.example/feeds/bulletins/b-dec");
        assertThat(first.getUpdatedDate().toInstant()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getLink)
                .contains("https://ssan.test.example/feeds/bulletins/b-nov")
                .doesNotContain("https://ssan.test.example/feeds/bulletins/b-green");
    }

    @Test
    void theJsonFeedHasTheFieldsJsonFeedRequires() throws Exception {
        HttpResponse<String> response = get("/feeds/bulletins/feed.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/feed+json"));
        JsonNode feed = json.readTree(response.body());
        assertThat(feed.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asString()).isNotBlank();
        assertThat(feed.path("feed_url").asString()).isEqualTo("https://ssan.test.example/feeds/bulletins/feed.json");
        assertThat(feed.path("items").isArray()).isTrue();
        for (JsonNode item : feed.path("items")) {
            assertThat(item.path("id").isString()).as(item.toString()).isTrue();
            assertThat(item.path("content_html").isString()
                            || item.path("content_text").isString())
                    .as(item.toString())
                    .isTrue();
            assertThat(Instant.parse(item.path("date_published").asString())).isNotNull();
        }
        JsonNode first = feed.path("items").get(0);
        assertThat(first.path("url").asString()).isEqualTo("https://ssan.test.example/feeds/bulletins/b-dec");
        assertThat(first.path("content_html").asString()).contains("What changed", "door locks");
    }

    // --- the archive for platform users -------------------------------------------------------------------

    @Test
    void platformUsersSeeGreenBulletinsThroughTheApi() throws Exception {
        HttpResponse<String> list = get("/api/bulletins/archive?q=phishing", coordinator);
        assertThat(list.statusCode()).isEqualTo(200);
        DocumentContext listed = JsonPath.parse(list.body());
        assertThat(listed.<List<String>>read("$[*].bulletinId")).containsExactly("b-green");
        assertThat(listed.<List<Object>>read("$[0].url")).isNull();

        HttpResponse<String> one = get("/api/bulletins/archive/b-dec", coordinator);
        assertThat(one.statusCode()).isEqualTo(200);
        DocumentContext bulletin = JsonPath.parse(one.body());
        assertThat(bulletin.<Integer>read("$.latest.revision")).isEqualTo(2);
        assertThat(bulletin.<List<Integer>>read("$.revisions[*].revision")).containsExactly(1, 2);

        assertThat(get("/api/bulletins/archive", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/bulletins/archive/b-green", token()).statusCode()).isEqualTo(403);
        assertThat(get("/api/bulletins/archive/nothing-here", coordinator).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theArchiveComesBackFromTheTopicAfterRedisLostItsData() throws Exception {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> archived("b-dec", 2) && archived("b-green", 1));
        assertThat(listed("/feeds/bulletins")).contains("Door locks and visitor sign-in (corrected)");
        assertThat(JsonPath.<List<?>>read(
                        get("/api/bulletins/archive/b-nov", editor).body(), "$.revisions"))
                .hasSize(1);
    }

    @Test
    void aRevisionPublishedWhileRedisRefusesWritesIsArchivedOnceRedisTakesThemAgain() throws Exception {
        // no replica, so Redis refuses every write but keeps its data: no wipe, nothing re-read from the topic
        redisConfig("min-replicas-to-write", "1");
        try {
            ArchiveTestSupport.publish(
                    template, bulletin("b-outage", NOV_30, "Published during an outage", Tlp.CLEAR, 1, NOW, null));
            // longer than the platform's retries before a record is dead-lettered (3, from 200 ms, doubling)
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> get("/api/bulletins/archive/b-outage", editor).statusCode() == 404);
        } finally {
            redisConfig("min-replicas-to-write", "0");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> archived("b-outage", 1));
    }

    private void redisConfig(String parameter, String value) {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().setConfig(parameter, value);
            return null;
        });
    }

    // --- the training calendar ----------------------------------------------------------------------------

    @Test
    void anEditorAddsChangesAndDeletesATraining() throws Exception {
        HttpResponse<String> added =
                call("POST", "/api/bulletins/trainings", editor, training("Threat assessment 101"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String id = JsonPath.read(added.body(), "$.id");
        assertThat(added.headers().firstValue("Location")).hasValue("/api/bulletins/trainings/" + id);

        HttpResponse<String> read = get("/api/bulletins/trainings/" + id, coordinator);
        assertThat(JsonPath.<String>read(read.body(), "$.title")).isEqualTo("Threat assessment 101");
        assertThat(JsonPath.<List<String>>read(
                        get("/api/bulletins/trainings", coordinator).body(), "$[*].id"))
                .contains(id);

        HttpResponse<String> changed =
                call("PUT", "/api/bulletins/trainings/" + id, editor, training("Threat assessment 102"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(
                        get("/api/bulletins/trainings/" + id, editor).body(), "$.title"))
                .isEqualTo("Threat assessment 102");

        assertThat(call("DELETE", "/api/bulletins/trainings/" + id, editor, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(get("/api/bulletins/trainings/" + id, editor).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/bulletins/trainings/" + id, editor, training("Back"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/bulletins/trainings/" + id, editor, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyEditorsChangeTheCalendar() throws Exception {
        assertThat(call("POST", "/api/bulletins/trainings", coordinator, training("Nope"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/bulletins/trainings", null, training("Nope"))
                        .statusCode())
                .isEqualTo(401);
        String id = JsonPath.read(
                call("POST", "/api/bulletins/trainings", editor, training("Kept"))
                        .body(),
                "$.id");
        assertThat(call("DELETE", "/api/bulletins/trainings/" + id, coordinator, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("PUT", "/api/bulletins/trainings/" + id, coordinator, training("Changed"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/bulletins/trainings/" + id, null).statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(
                        get("/api/bulletins/trainings/" + id, coordinator).body(), "$.title"))
                .isEqualTo("Kept");
    }

    @Test
    void badTrainingsAreRefusedNamingTheField() throws Exception {
        Map<String, String> wrong = Map.of(
                "title",
                "{\"title\":\" \",\"startsAt\":\"2026-12-15T15:00:00Z\",\"endsAt\":\"2026-12-15T17:00:00Z\","
                        + "\"place\":\"Columbia\"}",
                "endsAt",
                "{\"title\":\"T\",\"startsAt\":\"2026-12-15T15:00:00Z\",\"endsAt\":\"2026-12-15T15:00:00Z\","
                        + "\"place\":\"Columbia\"}",
                "registrationUrl",
                "{\"title\":\"T\",\"startsAt\":\"2026-12-15T15:00:00Z\",\"endsAt\":\"2026-12-15T17:00:00Z\","
                        + "\"place\":\"Columbia\",\"registrationUrl\":\"http://example.org/register\"}",
                "onlineUrl",
                "{\"title\":\"T\",\"startsAt\":\"2026-12-15T15:00:00Z\",\"endsAt\":\"2026-12-15T17:00:00Z\","
                        + "\"onlineUrl\":\"javascript:alert(1)\"}",
                "place",
                "{\"title\":\"T\",\"startsAt\":\"2026-12-15T15:00:00Z\",\"endsAt\":\"2026-12-15T17:00:00Z\"}",
                "startsAt",
                "{\"title\":\"T\",\"endsAt\":\"2026-12-15T17:00:00Z\",\"place\":\"Columbia\"}");
        for (Map.Entry<String, String> bad : wrong.entrySet()) {
            HttpResponse<String> refused = call("POST", "/api/bulletins/trainings", editor, bad.getValue());
            assertThat(refused.statusCode())
                    .as(bad.getKey() + ": " + refused.body())
                    .isEqualTo(400);
            assertThat(JsonPath.<String>read(refused.body(), "$.errors[0].field"))
                    .as(refused.body())
                    .isEqualTo(bad.getKey());
        }
        HttpResponse<String> notATime = call(
                "POST",
                "/api/bulletins/trainings",
                editor,
                "{\"title\":\"T\",\"startsAt\":\"tomorrow\",\"endsAt\":\"2026-12-15T17:00:00Z\",\"place\":\"X\"}");
        assertThat(notATime.statusCode()).as(notATime.body()).isEqualTo(400);
        assertThat(notATime.body()).contains("startsAt");
    }

    @Test
    void theCalendarFeedParsesWithOneStableEventPerTraining() throws Exception {
        String upcoming = JsonPath.read(
                call("POST", "/api/bulletins/trainings", editor, training("Calendar: upcoming"))
                        .body(),
                "$.id");
        String recent = JsonPath.read(
                call(
                                "POST",
                                "/api/bulletins/trainings",
                                editor,
                                training("Calendar: last week", "2026-12-01T15:00:00Z", "2026-12-01T17:00:00Z"))
                        .body(),
                "$.id");
        call(
                "POST",
                "/api/bulletins/trainings",
                editor,
                training("Calendar: long ago", "2026-10-01T15:00:00Z", "2026-10-01T17:00:00Z"));

        HttpResponse<String> response = get("/feeds/trainings.ics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type ->
                        assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/calendar;charset=utf-8"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        assertThat(calendar.validate().hasErrors()).as(response.body()).isFalse();
        List<VEvent> events = calendar.getComponents("VEVENT");
        List<String> summaries = events.stream()
                .map(e -> e.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .toList();
        assertThat(summaries)
                .contains("Calendar: upcoming", "Calendar: last week")
                .doesNotContain("Calendar: long ago");
        VEvent event = events.stream()
                .filter(e ->
                        e.getProperty(Property.SUMMARY).orElseThrow().getValue().equals("Calendar: upcoming"))
                .findFirst()
                .orElseThrow();
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(upcoming + "@ssan.test.example");
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20261215T150000Z");
        assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20261215T170000Z");
        assertThat(event.getProperty(Property.DTSTAMP).orElseThrow().getValue()).isEqualTo("20261208T150000Z");
        assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
                .isEqualTo("Columbia, MO");
        assertThat(event.getProperty(Property.URL).orElseThrow().getValue())
                .isEqualTo("https://training.example.org/register");

        // the same training after a change keeps its UID
        call(
                "PUT",
                "/api/bulletins/trainings/" + recent,
                editor,
                training("Calendar: last week, renamed", "2026-12-01T15:00:00Z", "2026-12-01T17:00:00Z"));
        Calendar again = new CalendarBuilder()
                .build(new StringReader(get("/feeds/trainings.ics", null).body()));
        assertThat(again.<VEvent>getComponents("VEVENT").stream()
                        .filter(e -> e.getProperty(Property.UID)
                                .orElseThrow()
                                .getValue()
                                .equals(recent + "@ssan.test.example"))
                        .map(e -> e.getProperty(Property.SUMMARY).orElseThrow().getValue()))
                .containsExactly("Calendar: last week, renamed");
    }

    @Test
    void betweenListsTheTrainingsThatStartInTheWindow() throws Exception {
        String id = JsonPath.read(
                call(
                                "POST",
                                "/api/bulletins/trainings",
                                editor,
                                training("Between: January", "2027-01-12T15:00:00Z", "2027-01-12T17:00:00Z"))
                        .body(),
                "$.id");

        List<Training> january =
                trainings.between(Instant.parse("2027-01-11T06:00:00Z"), Instant.parse("2027-01-18T06:00:00Z"));

        assertThat(january).extracting(Training::id).containsExactly(id);
        assertThat(january.getFirst().asBulletinTraining().registrationUrl())
                .isEqualTo("https://training.example.org/register");
        assertThat(trainings.between(Instant.parse("2027-01-12T15:00:01Z"), Instant.parse("2027-02-01T00:00:00Z")))
                .extracting(Training::id)
                .doesNotContain(id);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String training(String title) {
        return training(title, "2026-12-15T15:00:00Z", "2026-12-15T17:00:00Z");
    }

    private static String training(String title, String startsAt, String endsAt) {
        return "{\"title\":\"" + title + "\",\"description\":\"Bring a laptop.\\nLunch provided.\",\"startsAt\":\""
                + startsAt + "\",\"endsAt\":\"" + endsAt + "\",\"place\":\"Columbia, MO\","
                + "\"registrationUrl\":\"https://training.example.org/register\"}";
    }

    private List<String> listed(String path) throws Exception {
        HttpResponse<String> response = get(path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return wellFormed(response.body()).select("#bulletins > li > a").stream()
                .map(Element::text)
                .toList();
    }

    /** Parses an HTML5 page, asserting the parser had nothing to repair. */
    private static Document wellFormed(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document document = Jsoup.parse(html, "", parser);
        assertThat(parser.getErrors()).as(html).isEmpty();
        assertThat(html).startsWith("<!DOCTYPE html>");
        return document;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return ArchiveTestSupport.call(port, method, path, token, body);
    }
}
