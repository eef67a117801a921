package org.schoolsafety.bulletin.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.bulletin.BulletinApi.body;
import static org.schoolsafety.bulletin.BulletinApi.editor;
import static org.schoolsafety.bulletin.BulletinApi.monday;
import static org.schoolsafety.bulletin.BulletinApi.school;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.bulletin.BulletinApi;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Publishing through the HTTP API on a real broker and Redis, read back from the three topics: the revision on
 * {@code bulletins}, one notification to everyone on {@code notifications}, the audit record; then a correction
 * as revision 2, and the editor's preview beforehand.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ssn.links.base-url=https://alerts.test.example")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulletinPublicationIT {

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private BulletinApi api;

    @BeforeAll
    void api() {
        api = new BulletinApi(port);
    }

    @Test
    void aPublishedBulletinGoesOutOnceInOneTransactionAndIsCorrectedAsRevisionTwo() throws Exception {
        String id = JsonPath.read(
                api.call("POST", "/api/bulletins", editor(), body(monday(0), "Week of drills"))
                        .body(),
                "$.id");
        String path = "/api/bulletins/" + id;

        HttpResponse<String> preview = api.call("GET", path + "/preview", editor(), null);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        DocumentContext shown = JsonPath.parse(preview.body());
        assertThat(shown.read("$.subject", String.class)).isEqualTo("Week of drills");
        assertThat(shown.read("$.sms", String.class))
                .isEqualTo("Week of drills https://alerts.test.example/feeds/bulletins/" + id);
        assertThat(shown.read("$.html", String.class))
                .contains(Message.ORGANISATION_NAME)
                .doesNotContain("<script");
        assertThat(api.call("GET", path + "/preview", school(), null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> published = api.call("POST", path + "/publish", editor(), null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(published.body(), "$.state")).isEqualTo("PUBLISHED");
        assertThat(JsonPath.<Integer>read(published.body(), "$.revision")).isEqualTo(1);
        String etag = published.headers().firstValue("ETag").orElseThrow();

        BulletinPublished first = bulletins(id).getFirst();
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.correction()).isNull();
        assertThat(first.tlp()).isEqualTo(Tlp.CLEAR);
        assertThat(first.sections()).hasSize(3);
        assertThat(first.sections().get(1).html()).doesNotContain("<script");
        assertThat(first.trainings())
                .singleElement()
                .satisfies(t -> assertThat(t.place()).isEqualTo("Jefferson City"));
        assertThat(first.summary()).startsWith("Severe weather drills are this Thursday");

        List<NotificationRequested> notifications = notifications(id);
        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.feed()).isEqualTo(Feed.WEEKLY_BULLETIN);
            assertThat(n.lane()).isEqualTo(Lane.BULK);
            assertThat(n.sourceType()).isEqualTo("bulletin");
            assertThat(n.audience().statewide()).isTrue();
            assertThat(n.tlp()).isEqualTo(Tlp.CLEAR);
            assertThat(n.notificationId()).isEqualTo(BulletinPublisher.notificationId(id, 1));
            assertThat(n.message().json()).contains("\"archiveUrl\"");
        });
        assertThat(audits(id)).extracting(AuditRecorded::action).containsExactly("bulletin.publish");

        // published: readable by every role, no longer editable, not publishable twice
        assertThat(api.call("GET", path, school(), null).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", path + "/publish", editor(), null).statusCode())
                .isEqualTo(409);
        assertThat(api.call("PUT", path, editor(), body(monday(0), "Changed"), Map.of("If-Match", etag))
                        .statusCode())
                .isEqualTo(409);

        // a correction: whatChanged is required, If-Match too, then revision 2 goes out the same way
        String corrected = body(monday(0), "Week of drills").replace("Jefferson City", "Columbia");
        assertThat(api.call("POST", path + "/corrections", editor(), corrected, Map.of("If-Match", etag))
                        .body())
                .contains("\"whatChanged\"");
        String withNote = corrected.replaceFirst("\\{", "{\"whatChanged\":\"The summit moved to Columbia.\",");
        assertThat(api.call("POST", path + "/corrections", editor(), withNote).statusCode())
                .isEqualTo(428);
        assertThat(api.call("POST", path + "/corrections", editor(), withNote, Map.of("If-Match", "\"1\""))
                        .statusCode())
                .isEqualTo(412);
        HttpResponse<String> correction =
                api.call("POST", path + "/corrections", editor(), withNote, Map.of("If-Match", etag));
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(correction.body(), "$.revision")).isEqualTo(2);

        List<BulletinPublished> revisions = bulletins(id);
        assertThat(revisions).extracting(BulletinPublished::revision).containsExactly(1, 2);
        assertThat(revisions.get(1).correction()).isEqualTo("The summit moved to Columbia.");
        assertThat(revisions.get(1).trainings().getFirst().place()).isEqualTo("Columbia");
        // keyed by notification id, so the two may lie on different partitions: found by id, not by order
        List<NotificationRequested> both = notifications(id);
        assertThat(both).hasSize(2);
        NotificationRequested second = both.stream()
                .filter(n -> n.notificationId().equals(BulletinPublisher.notificationId(id, 2)))
                .findFirst()
                .orElseThrow();
        assertThat(second.message().subject()).isEqualTo("Correction: Week of drills");
        assertThat(second.message().text()).startsWith("CORRECTION: The summit moved to Columbia.");

        HttpResponse<String> listed = api.call("GET", path + "/revisions", school(), null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<Integer>>read(listed.body(), "$[*].revision")).containsExactly(1, 2);
    }

    @Test
    void aDraftIsNotCorrectedAndAStaleVersionIsNotPublished() throws Exception {
        HttpResponse<String> created = api.call("POST", "/api/bulletins", editor(), body(monday(1), "Next week"));
        String path = "/api/bulletins/" + JsonPath.read(created.body(), "$.id");
        String withNote = body(monday(1), "Next week").replaceFirst("\\{", "{\"whatChanged\":\"x\",");
        assertThat(api.call("POST", path + "/corrections", editor(), withNote, Map.of("If-Match", "\"1\""))
                        .statusCode())
                .isEqualTo(409);
        assertThat(api.call("POST", path + "/publish", editor(), null, Map.of("If-Match", "\"7\""))
                        .statusCode())
                .isEqualTo(412);
        assertThat(api.call("POST", "/api/bulletins/no-such/publish", editor(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    private List<BulletinPublished> bulletins(String id) {
        return BulletinApi.records(bootstrap, Topics.BULLETINS.name()).stream()
                .filter(r -> r.getKey().equals(id))
                .map(r -> (BulletinPublished) r.getValue())
                .toList();
    }

    private List<NotificationRequested> notifications(String id) {
        return BulletinApi.records(bootstrap, Topics.NOTIFICATIONS.name()).stream()
                .map(r -> r.getValue())
                .filter(v ->
                        v instanceof NotificationRequested n && n.sourceId().equals(id))
                .map(NotificationRequested.class::cast)
                .toList();
    }

    private List<AuditRecorded> audits(String id) {
        return BulletinApi.records(bootstrap, Topics.AUDIT.name()).stream()
                .map(r -> r.getValue())
                .filter(v -> v instanceof AuditRecorded a && a.target().equals("bulletin/" + id))
                .map(AuditRecorded.class::cast)
                .toList();
    }
}
