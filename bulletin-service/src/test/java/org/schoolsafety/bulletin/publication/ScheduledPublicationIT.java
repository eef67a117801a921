package org.schoolsafety.bulletin.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.bulletin.BulletinApi.body;
import static org.schoolsafety.bulletin.BulletinApi.editor;
import static org.schoolsafety.bulletin.BulletinApi.monday;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.bulletin.BulletinApi;
import org.schoolsafety.bulletin.BulletinServiceApplication;
import org.schoolsafety.bulletin.bulletin.BulletinStore;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Scheduled publication exactly once across instances: two more instances of the service (two
 * {@link SpringApplicationBuilder} runs on ports of their own, same broker and Redis) poll every 200 ms for due
 * bulletins; each scheduled bulletin goes out as one {@code bulletin.published.v1} and one notification. A bulletin
 * whose publisher died mid-way (a claim nobody completes) is published by another instance once the claim expires.
 * The test's own context, which serves the API, polls only once an hour.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ssn.bulletin.publication.poll-every=1h")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledPublicationIT {

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @Autowired
    private BulletinStore store;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private BulletinApi api;

    @BeforeAll
    void twoMoreInstancesPoll() {
        api = new BulletinApi(port);
        instances.add(instance("second"));
        instances.add(instance("third"));
        assertThat(instances)
                .extracting(
                        c -> ((WebServerApplicationContext) c).getWebServer().getPort())
                .doesNotHaveDuplicates()
                .doesNotContain(port);
    }

    @AfterAll
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aScheduledBulletinIsPublishedExactlyOnceByTwoPollingInstances() throws Exception {
        String id = draft("Scheduled");
        String path = "/api/bulletins/" + id;
        HttpResponse<String> past = api.call(
                "POST",
                path + "/schedule",
                editor(),
                publishAt(Instant.now().minusSeconds(60)),
                Map.of("If-Match", "\"1\""));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("\"publishAt\"");
        assertThat(api.call(
                                "POST",
                                path + "/schedule",
                                editor(),
                                publishAt(Instant.now().plusSeconds(600)))
                        .statusCode())
                .isEqualTo(428);

        // scheduled, unscheduled, scheduled again: only the last one counts
        assertThat(api.call(
                                "POST",
                                path + "/schedule",
                                editor(),
                                publishAt(Instant.now().plusSeconds(600)),
                                Map.of("If-Match", "\"1\""))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> unscheduled =
                api.call("DELETE", path + "/schedule", editor(), null, Map.of("If-Match", "\"2\""));
        assertThat(JsonPath.<String>read(unscheduled.body(), "$.state")).isEqualTo("DRAFT");
        HttpResponse<String> scheduled = api.call(
                "POST",
                path + "/schedule",
                editor(),
                publishAt(Instant.now().plusSeconds(3)),
                Map.of("If-Match", "\"3\""));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(scheduled.body(), "$.state")).isEqualTo("SCHEDULED");

        awaitPublished(id);
        assertExactlyOnce(id);
    }

    @Test
    void aBulletinWhosePublisherDiedIsPublishedOnceItsClaimExpires() throws Exception {
        String id = draft("Publisher died");
        HttpResponse<String> scheduled = api.call(
                "POST",
                "/api/bulletins/" + id + "/schedule",
                editor(),
                publishAt(Instant.now().plusSeconds(1)),
                Map.of("If-Match", "\"1\""));
        assertThat(scheduled.statusCode()).isEqualTo(200);
        // a publisher that claimed it and then died: nobody completes or releases this claim
        assertThat(store.claim(id, null, "dead-instance", 4000)).isTrue();
        Instant claimed = Instant.now();

        awaitPublished(id);
        assertThat(Duration.between(claimed, Instant.now())).isGreaterThan(Duration.ofSeconds(3));
        assertExactlyOnce(id);
    }

    private void awaitPublished(String id) {
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> JsonPath.<String>read(
                                api.call("GET", "/api/bulletins/" + id, editor(), null)
                                        .body(),
                                "$.state")
                        .equals("PUBLISHED"));
    }

    /** Some rounds later, still one revision on the topic and one notification, throughout. */
    private void assertExactlyOnce(String id) {
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
                    List<BulletinPublished> published = BulletinApi.records(bootstrap, Topics.BULLETINS.name()).stream()
                            .filter(r -> r.getKey().equals(id))
                            .map(r -> (BulletinPublished) r.getValue())
                            .toList();
                    assertThat(published)
                            .singleElement()
                            .satisfies(b -> assertThat(b.revision()).isEqualTo(1));
                    List<NotificationRequested> notifications =
                            BulletinApi.records(bootstrap, Topics.NOTIFICATIONS.name()).stream()
                                    .map(Map.Entry::getValue)
                                    .filter(v -> v instanceof NotificationRequested n
                                            && n.sourceId().equals(id))
                                    .map(NotificationRequested.class::cast)
                                    .toList();
                    assertThat(notifications)
                            .singleElement()
                            .satisfies(n ->
                                    assertThat(n.notificationId()).isEqualTo(BulletinPublisher.notificationId(id, 1)));
                });
    }

    private String draft(String title) throws Exception {
        return JsonPath.read(
                api.call("POST", "/api/bulletins", editor(), body(monday(1), title))
                        .body(),
                "$.id");
    }

    private static String publishAt(Instant at) {
        return "{\"publishAt\":\"" + at + "\"}";
    }

    /** Another instance on the same broker and Redis, with an instance id (hence transactional id) of its own. */
    private ConfigurableApplicationContext instance(String name) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--ssn.instance-id=" + name,
                "--ssn.bulletin.publication.poll-every=200ms",
                "--ssn.bulletin.publication.claim-for=30s"));
        for (String property : List.of(
                "spring.kafka.bootstrap-servers",
                "spring.data.redis.host",
                "spring.data.redis.port",
                "ssn.security.issuer",
                "ssn.security.jwk-set-uri")) {
            args.add("--" + property + "=" + environment.getRequiredProperty(property));
        }
        return new SpringApplicationBuilder(BulletinServiceApplication.class).run(args.toArray(String[]::new));
    }
}
