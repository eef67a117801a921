package org.schoolsafety.bulletin.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.bulletin.BulletinApi;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The draft that writes itself on one started service, a real broker and a real Redis, with a fixed clock: advisories
 * of every TLP on {@code cyber-advisories}, a training in the calendar, then the editor's assemble call. Only CLEAR
 * and GREEN advisories reach the draft, KEV additions apart; a second call for the week is a 409; nothing is
 * published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssemblyIT {

    /** Monday 2027-03-01, 09:00 in Chicago: a week no other test writes a bulletin for. */
    static final Instant NOW = Instant.parse("2027-03-01T15:00:00Z");

    static final LocalDate WEEK = LocalDate.of(2027, 3, 1);
    static final String HOSTILE = "Phishing **kit** <script>alert(1)</script> [login](javascript:alert(1))";

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock assemblyTestClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @Autowired
    private KafkaTemplate<String, Object> template;

    @Autowired
    private AssemblyPoller poller;

    @Autowired
    private StringRedisTemplate redis;

    private BulletinApi api;

    @BeforeAll
    void advisoriesAndATraining() throws Exception {
        api = new BulletinApi(port);
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        publish(
                advisory("adv-amber", "AMBER-ONLY district breach", Tlp.AMBER, "partner-isac", yesterday),
                advisory("adv-strict", "STRICT-ONLY campus incident", Tlp.AMBER_STRICT, "analyst", yesterday),
                advisory("adv-red", "RED-ONLY named target", Tlp.RED, "analyst", yesterday),
                advisory("adv-clear", HOSTILE, Tlp.CLEAR, "cisa-advisories", yesterday, "CVE-2027-0001"),
                advisory("adv-green", "Partner ransomware campaign", Tlp.GREEN, "partner-isac", yesterday),
                advisory(
                        "adv-kev",
                        "Edge router authentication bypass",
                        Tlp.CLEAR,
                        "cisa-kev",
                        yesterday,
                        "CVE-2027-1234"),
                advisory(
                        "adv-old",
                        "Long-ago advisory",
                        Tlp.CLEAR,
                        "cisa-advisories",
                        Instant.parse("2025-01-01T00:00:00Z")),
                advisory("adv-last", "Backup software patch", Tlp.CLEAR, "cisa-advisories", yesterday));
        awaitConsumed();

        HttpResponse<String> soon = api.call(
                "POST",
                "/api/bulletins/trainings",
                BulletinApi.editor(),
                training("Threat assessment team training", NOW.plus(Duration.ofDays(10))));
        assertThat(soon.statusCode()).as(soon.body()).isEqualTo(201);
        HttpResponse<String> later = api.call(
                "POST",
                "/api/bulletins/trainings",
                BulletinApi.editor(),
                training("Summer safety academy", NOW.plus(Duration.ofDays(40))));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
    }

    @Test
    void theEditorGetsOneDraftForTheWeekWithClearAndGreenAdvisoriesOnly() throws Exception {
        HttpResponse<String> created =
                api.call("POST", "/api/bulletins/drafts/assemble?week=" + WEEK, BulletinApi.editor(), null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        DocumentContext draft = JsonPath.parse(created.body());
        String id = draft.read("$.id");
        assertThat(created.headers().firstValue("Location")).contains("/api/bulletins/" + id);
        assertThat(draft.<String>read("$.state")).isEqualTo("DRAFT");
        assertThat(draft.<String>read("$.weekOf")).isEqualTo("2027-03-01");
        assertThat(draft.<String>read("$.title"))
                .isEqualTo("Missouri School Safety Weekly Update - Week of March 1, 2027");
        assertThat(draft.<String>read("$.tlp")).isEqualTo("GREEN");
        assertThat(draft.<String>read("$.createdBy")).isEqualTo("bulletin-service");
        assertThat(draft.<List<String>>read("$.sections[*].kind")).containsExactly("this-week", "cyber-corner");

        String cyber = draft.read("$.sections[1].markdown");
        assertThat(cyber)
                .contains(
                        "Partner ransomware campaign",
                        "Backup software patch",
                        "TLP:GREEN",
                        "severity high",
                        "CVE\\-2027\\-0001");
        assertThat(cyber).contains("Phishing \\*\\*kit\\*\\* \\<script\\>alert\\(1\\)\\<\\/script\\>");
        int kevHeading = cyber.indexOf(CyberCorner.KEV_HEADING);
        assertThat(kevHeading).isPositive();
        assertThat(cyber.indexOf("Edge router authentication bypass")).isGreaterThan(kevHeading);
        assertThat(cyber.indexOf("Partner ransomware campaign")).isLessThan(kevHeading);
        assertThat(cyber.indexOf("Phishing")).isLessThan(kevHeading);
        assertThat(created.body())
                .doesNotContain("AMBER-ONLY", "STRICT-ONLY", "RED-ONLY", "Long-ago advisory", "adv-amber", "adv-red");

        assertThat(draft.<List<String>>read("$.items[*].title")).containsExactly("Threat assessment team training");

        // what an editor previews is safe: the hostile title is text, not markup
        HttpResponse<String> preview = api.call("GET", "/api/bulletins/" + id + "/preview", BulletinApi.editor(), null);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).doesNotContain("<script>alert(1)", "href=\\\"javascript", "AMBER-ONLY", "RED-ONLY");

        HttpResponse<String> again =
                api.call("POST", "/api/bulletins/drafts/assemble?week=2027-03-03", BulletinApi.editor(), null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.<String>read(again.body(), "$.errors[0].field")).isEqualTo("week");

        // the schedule finds the week drafted and adds nothing
        poller.poll();
        HttpResponse<String> week = api.call("GET", "/api/bulletins?week=" + WEEK, BulletinApi.editor(), null);
        assertThat(JsonPath.<List<String>>read(week.body(), "$[*].id")).containsExactly(id);

        // nothing is ever published by assembling
        assertThat(BulletinApi.records(bootstrap, Topics.BULLETINS.name()))
                .extracting(Map.Entry::getValue)
                .noneMatch(value -> value instanceof BulletinPublished published
                        && (published.bulletinId().equals(id) || WEEK.equals(published.weekOf())));
    }

    @Test
    void onlyEditorsAssembleAndTheWeekIsADate() throws Exception {
        assertThat(api.call("POST", "/api/bulletins/drafts/assemble", BulletinApi.school(), null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.call("POST", "/api/bulletins/drafts/assemble", null, null)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> bad =
                api.call("POST", "/api/bulletins/drafts/assemble?week=next-week", BulletinApi.editor(), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(bad.body(), "$.errors[0].field")).isEqualTo("week");
    }

    private void publish(AdvisoryPublished... advisories) {
        EventPublisher events = new EventPublisher(template);
        Runnable send = () -> {
            for (AdvisoryPublished advisory : advisories) {
                events.publish(Topics.CYBER_ADVISORIES, "assembly-it", advisory);
            }
        };
        if (template.isTransactional()) {
            template.executeInTransaction(operations -> {
                send.run();
                return null;
            });
        } else {
            send.run();
            template.flush();
        }
    }

    /** Until the last advisory sent is kept: one key puts them all on one partition, so those before it were read. */
    private void awaitConsumed() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> redis.opsForHash().hasKey("bulletin-assembly:advisory", "adv-last"));
    }

    private static AdvisoryPublished advisory(
            String id, String title, Tlp tlp, String source, Instant at, String... cves) {
        return new AdvisoryPublished(id, title, "What to do about " + id, "high", tlp, List.of(cves), source, at);
    }

    private static String training(String title, Instant startsAt) {
        return """
                {"title":"%s","description":"For school safety teams.","startsAt":"%s","endsAt":"%s",
                 "place":"Jefferson City","registrationUrl":"https://dese.mo.gov/register"}
                """.formatted(title, startsAt, startsAt.plus(Duration.ofHours(3)));
    }
}
