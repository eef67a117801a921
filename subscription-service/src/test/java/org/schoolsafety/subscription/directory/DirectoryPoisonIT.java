package org.schoolsafety.subscription.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicViewsHealth;
import org.schoolsafety.subscription.SubscriptionServiceApplication;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.kafka.TopicBytes;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Issue 26: a record on {@code directory} that does not parse, and one the Redis view refuses (a name holding a
 * lone UTF-16 surrogate, which the view's Lua script cannot decode), no longer keep subscription-service from
 * starting. A restarted service rebuilds the directory around them, serves the organisations written before and
 * after, and puts the two on {@code directory-dlt}, counted and shown in health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DirectoryPoisonIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String UNREADABLE = "mo-school-unreadable";
    private static final String UNAPPLIABLE = "mo-school-lone-surrogate";

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @Autowired
    private StringRedisTemplate redis;

    private final String stateAdmin = TestIssuer.shared().token("mo-state", "STATE_ADMIN");

    @Test
    void aRestartedServiceSkipsTheRecordsItCannotApplyAndServesTheRest() throws Exception {
        String before = added("Poison Test Before Academy");
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        Map<String, String> organisationType = Map.of(CloudEventHeaders.TYPE, EventTypes.ORGANISATION_CHANGED.name());
        TopicBytes.write(bootstrap, "directory", UNREADABLE, utf8("{\"organisationId\": no json"), organisationType);
        // "\ud800" in JSON: Jackson reads it, the view's Lua script (cjson) refuses it
        TopicBytes.write(
                bootstrap,
                "directory",
                UNAPPLIABLE,
                utf8("{\"organisationId\":\"" + UNAPPLIABLE + "\",\"kind\":\"SCHOOL\",\"name\":\"Lone \\ud800 High\","
                        + "\"parentId\":\"" + DirectoryIT.COLUMBIA + "\",\"closed\":false,"
                        + "\"changedAt\":\"2026-01-05T12:00:00Z\"}"),
                organisationType);
        String after = added("Poison Test After Academy");

        redis.getRequiredConnectionFactory().getConnection().serverCommands().flushAll();
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(
                        SubscriptionServiceApplication.class)
                .properties(copied(
                        "spring.kafka.bootstrap-servers",
                        "spring.data.redis.host",
                        "spring.data.redis.port",
                        "ssn.security.issuer",
                        "ssn.security.jwk-set-uri"))
                .properties("server.port=0", "server.address=127.0.0.1")
                .run()) {
            int restartedPort =
                    ((WebServerApplicationContext) restarted).getWebServer().getPort();
            assertThat(name(restartedPort, before)).isEqualTo("Poison Test Before Academy");
            assertThat(name(restartedPort, after)).isEqualTo("Poison Test After Academy");
            assertThat(name(restartedPort, DirectoryIT.COLUMBIA)).isNotBlank();

            assertThat(restarted
                            .getBean(MeterRegistry.class)
                            .get(SkippedRecords.METRIC)
                            .tags("topic", "directory", "view", "directory-replay")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
            Map<String, Object> health =
                    restarted.getBean(TopicViewsHealth.class).health().getDetails();
            assertThat(health.get("directory-replay").toString())
                    .contains("skipped=2", "key=" + UNAPPLIABLE, "topic=directory");
        }
        List<String> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> letter : TopicBytes.readAll(bootstrap, "directory-dlt")) {
            deadLetters.add(letter.key() + " " + TopicBytes.header(letter, SkippedRecords.VIEW_HEADER));
        }
        assertThat(deadLetters).contains(UNREADABLE + " directory-replay", UNAPPLIABLE + " directory-replay");
    }

    private String added(String name) throws Exception {
        HttpResponse<String> response = send(
                port,
                "POST",
                "/api/organisations",
                "{\"kind\":\"SCHOOL\",\"name\":\"" + name + "\",\"parentId\":\"" + DirectoryIT.COLUMBIA + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.parse(response.body()).read("$.id", String.class);
    }

    private String name(int port, String id) throws Exception {
        HttpResponse<String> response = send(port, "GET", "/api/organisations/" + id, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body()).read("$.organisation.name", String.class);
    }

    private String[] copied(String... names) {
        List<String> properties = new ArrayList<>();
        for (String name : names) {
            properties.add(name + "=" + environment.getRequiredProperty(name));
        }
        return properties.toArray(String[]::new);
    }

    private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + stateAdmin);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
