package org.schoolsafety.bulletin.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.bulletin.BulletinApi.body;
import static org.schoolsafety.bulletin.BulletinApi.editor;
import static org.schoolsafety.bulletin.BulletinApi.monday;
import static org.schoolsafety.bulletin.BulletinApi.school;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.bulletin.BulletinApi;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Writing a bulletin through the HTTP API on real Redis: creation with Location and ETag, optimistic concurrency
 * on replace, who reads what, and the problem detail every kind of bad input gets (never a 5xx).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ssn.bulletin.authoring.max-sections=4", "ssn.bulletin.authoring.max-bulletin-size=16KB"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulletinAuthoringIT {

    @LocalServerPort
    private int port;

    private BulletinApi api;

    @BeforeAll
    void api() {
        api = new BulletinApi(port);
    }

    @Test
    void anEditorCreatesADraftThatOnlyEditorsSee() throws Exception {
        HttpResponse<String> created = api.call("POST", "/api/bulletins", editor(), body(monday(1), "Week one"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        DocumentContext doc = JsonPath.parse(created.body());
        String id = doc.read("$.id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/bulletins/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(doc.read("$.state", String.class)).isEqualTo("DRAFT");
        assertThat(doc.read("$.tlp", String.class)).isEqualTo("CLEAR");
        assertThat(doc.read("$.sections[0].heading", String.class)).isEqualTo("This week");
        assertThat(doc.read("$.sections[2].heading", String.class)).isEqualTo("Tabletop exercises");
        assertThat(doc.read("$.items[0].id", String.class)).isNotBlank();

        HttpResponse<String> read = api.call("GET", "/api/bulletins/" + id, editor(), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(api.call("GET", "/api/bulletins/" + id, school(), null).statusCode())
                .isEqualTo(404);
        List<String> listed = JsonPath.read(
                api.call("GET", "/api/bulletins?state=draft&week=" + monday(1).plusDays(3), editor(), null)
                        .body(),
                "$[*].id");
        assertThat(listed).contains(id);
        List<String> schoolSees =
                JsonPath.read(api.call("GET", "/api/bulletins", school(), null).body(), "$[*].id");
        assertThat(schoolSees).doesNotContain(id);
        assertThat(api.call("POST", "/api/bulletins", school(), body(monday(1), "Not mine"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void twoEditorsReplacingTheSameVersionNeverBothWin() throws Exception {
        String id = JsonPath.read(
                api.call("POST", "/api/bulletins", editor(), body(monday(1), "Draft"))
                        .body(),
                "$.id");
        String path = "/api/bulletins/" + id;

        HttpResponse<String> first =
                api.call("PUT", path, editor(), body(monday(1), "First editor"), Map.of("If-Match", "\"1\""));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"2\"");

        HttpResponse<String> second =
                api.call("PUT", path, editor(), body(monday(1), "Second editor"), Map.of("If-Match", "\"1\""));
        assertProblem(second, 412);
        assertProblem(api.call("PUT", path, editor(), body(monday(1), "No version")), 428);
        assertThat(JsonPath.<String>read(api.call("GET", path, editor(), null).body(), "$.title"))
                .isEqualTo("First editor");
        assertProblem(
                api.call("PUT", "/api/bulletins/no-such", editor(), body(monday(1), "x"), Map.of("If-Match", "\"1\"")),
                404);
    }

    @Test
    void ofEightEditorsSavingTheSameVersionAtOnceExactlyOneWins() throws Exception {
        String id = JsonPath.read(
                api.call("POST", "/api/bulletins", editor(), body(monday(1), "Race"))
                        .body(),
                "$.id");
        List<Callable<Integer>> saves = IntStream.range(0, 8)
                .<Callable<Integer>>mapToObj(i -> () -> api.call(
                                "PUT",
                                "/api/bulletins/" + id,
                                editor(),
                                body(monday(1), "Editor " + i),
                                Map.of("If-Match", "\"1\""))
                        .statusCode())
                .toList();
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<Integer> statuses = new ArrayList<>();
            for (var result : threads.invokeAll(saves)) {
                statuses.add(result.get());
            }
            assertThat(statuses)
                    .containsOnly(200, 412)
                    .filteredOn(s -> s == 200)
                    .hasSize(1);
        }
        assertThat(api.call("GET", "/api/bulletins/" + id, editor(), null)
                        .headers()
                        .firstValue("ETag"))
                .hasValue("\"2\"");
    }

    @Test
    void badInputIsAProblemDetailNamingTheField() throws Exception {
        assertRejected(body(monday(1), "x").replace("\"title\":\"x\",", ""), "title");
        assertRejected(body(monday(1).plusDays(1), "x"), "weekOf");
        assertRejected(body(monday(-1), "Last week"), "weekOf");
        assertRejected(
                body(monday(1), "x").replace("\"kind\":\"this-week\"", "\"kind\":\"This Week!\""), "sections[0].kind");
        assertRejected(
                body(monday(1), "x").replace("https://dese.mo.gov/safety", "http://dese.mo.gov/safety"),
                "links[0].url");
        assertRejected(
                body(monday(1), "x").replace("https://dese.mo.gov/safety", "javascript:alert(1)"), "links[0].url");
        assertRejected(body(monday(1), "x").replace("\"tlp\":\"CLEAR\"", "\"tlp\":\"AMBER\""), "tlp");
        assertRejected(body(monday(1), "x").replace("\"place\":\"Jefferson City\",", ""), "items[0].place");
        assertRejected(
                body(monday(1), "x").replace("\"weekOf\":\"" + monday(1) + "\"", "\"weekOf\":\"soon\""), "weekOf");
        String many = body(monday(1), "x")
                .replace(
                        "\"sections\":[",
                        "\"sections\":[{\"kind\":\"reminders\",\"markdown\":\"a\"},{\"kind\":\"resources\",\"markdown\":\"b\"},");
        assertRejected(many, "sections");
        assertProblem(api.call("POST", "/api/bulletins", editor(), "not json"), 400);
        assertProblem(api.call("POST", "/api/bulletins", editor(), "[1,2]"), 400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413EvenAtOneMegabyte() throws Exception {
        String big = body(monday(1), "Big").replace("Reunification", "x".repeat(20_000));
        assertProblem(api.call("POST", "/api/bulletins", editor(), big), 413);
        String huge = body(monday(1), "Huge").replace("Reunification", "x".repeat(1024 * 1024));
        assertProblem(api.call("POST", "/api/bulletins", editor(), huge), 413);
        // beyond what the container swallows of an unread body (2 MB): still a problem detail, not a reset
        String larger = body(monday(1), "Larger").replace("Reunification", "x".repeat(5 * 1024 * 1024));
        assertProblem(api.call("POST", "/api/bulletins", editor(), larger), 413);
        // the service still answers on a fresh request afterwards
        assertThat(api.call("POST", "/api/bulletins", editor(), body(monday(1), "After"))
                        .statusCode())
                .isEqualTo(201);
    }

    private void assertRejected(String body, String field) throws Exception {
        HttpResponse<String> response = api.call("POST", "/api/bulletins", editor(), body);
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"" + field + "\"");
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }
}
