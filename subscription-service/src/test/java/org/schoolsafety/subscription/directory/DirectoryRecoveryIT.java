package org.schoolsafety.subscription.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.schoolsafety.subscription.SubscriptionServiceApplication;
import org.schoolsafety.testing.RealInfrastructure;
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
 * Redis is only a view: after it is wiped, a service started on the same broker rebuilds the directory and the
 * endpoints from the compacted {@code directory} topic alone and answers exactly as before, changes by the
 * administrator included, without publishing anything new.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DirectoryRecoveryIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @Autowired
    private StringRedisTemplate redis;

    private final String stateAdmin = TestIssuer.shared().token("mo-state", "STATE_ADMIN");
    private final String columbiaAdmin = TestIssuer.shared().token(DirectoryIT.COLUMBIA, "DISTRICT_ADMIN");

    @Test
    void afterRedisIsWipedARestartedServiceAnswersExactlyAsBefore() throws Exception {
        // the administrator's changes must survive too, not only the seed
        changed(send(
                port,
                "POST",
                "/api/organisations",
                stateAdmin,
                "{\"kind\":\"SCHOOL\",\"name\":\"Columbia Online" + " Academy\",\"parentId\":\"" + DirectoryIT.COLUMBIA
                        + "\"}"));
        changed(send(
                port,
                "PATCH",
                "/api/organisations/mo-district-jefferson-city",
                stateAdmin,
                "{\"name\":\"Jefferson City Public Schools\"}"));
        String closedSchool = "mo-school-jefferson-city-high";
        changed(send(
                port,
                "PATCH",
                "/api/organisations/" + closedSchool,
                stateAdmin,
                "{\"parentId\":\"" + DirectoryIT.COLUMBIA + "\"}"));
        changed(send(port, "POST", "/api/organisations/" + closedSchool + "/close", stateAdmin, ""));
        // a district's own delivery window, set by its administrator
        changed(send(
                port,
                "PATCH",
                "/api/organisations/" + DirectoryIT.COLUMBIA,
                columbiaAdmin,
                "{\"deliveryWindow\":{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"America/Chicago\"}}"));

        String email = JsonPath.parse(changed(send(
                                port,
                                "POST",
                                "/api/organisations/" + DirectoryIT.COLUMBIA + "/endpoints",
                                stateAdmin,
                                "{\"channel\":\"EMAIL\",\"address\":\"office@cpsk12.example\"}"))
                        .body())
                .read("$.endpoint.id", String.class);
        changed(send(
                port,
                "POST",
                "/api/organisations/" + DirectoryIT.COLUMBIA + "/endpoints",
                stateAdmin,
                "{\"channel\":\"WEBHOOK\",\"address\":\"https://93.184.215.14/ssn\",\"feeds\":[\"URGENT_ALERTS\"]}"));
        changed(send(
                port,
                "PATCH",
                "/api/endpoints/" + email,
                stateAdmin,
                "{\"feeds\":[\"URGENT_ALERTS\",\"WEEKLY_BULLETIN\"]}"));

        List<String> questions = List.of(
                "/api/organisations/" + DirectoryIT.COLUMBIA + "/endpoints",
                "/api/endpoints/" + email,
                "/api/organisations/mo-state",
                "/api/organisations/mo-region-e",
                "/api/organisations/mo-county-29019",
                "/api/organisations/" + DirectoryIT.COLUMBIA,
                "/api/organisations/mo-district-jefferson-city",
                "/api/organisations/" + closedSchool,
                "/api/organisations?q=columbia&limit=200",
                "/api/organisations?q=jefferson&limit=200&includeClosed=true",
                "/api/organisations?q=elem&limit=200",
                "/api/organisations?q=county&kind=COUNTY&limit=200");
        Map<String, String> before = answers(port, questions, stateAdmin);
        Map<String, String> districtBefore = answers(port, questions, columbiaAdmin);
        assertThat(before.get("/api/organisations/mo-district-jefferson-city"))
                .contains("Jefferson City Public Schools");
        assertThat(before.get("/api/organisations/" + closedSchool)).contains("\"closed\":true");
        assertThat(before.get("/api/organisations/" + DirectoryIT.COLUMBIA))
                .contains("\"deliveryWindow\":{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"America/Chicago\"}");
        assertThat(before.get("/api/organisations/" + DirectoryIT.COLUMBIA + "/endpoints"))
                .contains("office@cpsk12.example", "WEEKLY_BULLETIN", "https://93.184.215.14/ssn");
        Map<TopicPartition, Long> endBefore = directoryEndOffsets();

        redis.getRequiredConnectionFactory().getConnection().serverCommands().flushAll();
        assertThat(redis.keys("dir:*")).isEmpty();

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
            assertThat(answers(restartedPort, questions, stateAdmin)).isEqualTo(before);
            assertThat(answers(restartedPort, questions, columbiaAdmin)).isEqualTo(districtBefore);
        }
        assertThat(directoryEndOffsets())
                .as("the restart rebuilt from the topic and published nothing")
                .isEqualTo(endBefore);
    }

    private static HttpResponse<String> changed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private Map<String, String> answers(int port, List<String> questions, String token) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String question : questions) {
            HttpResponse<String> response = send(port, "GET", question, token, null);
            answers.put(question, response.statusCode() + " " + response.body());
        }
        return answers;
    }

    private Map<TopicPartition, Long> directoryEndOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers")))) {
            Set<TopicPartition> partitions = admin
                    .describeTopics(List.of("directory"))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get("directory")
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition("directory", p.partition()))
                    .collect(Collectors.toSet());
            return admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private String[] copied(String... names) {
        List<String> properties = new ArrayList<>();
        for (String name : names) {
            properties.add(name + "=" + environment.getRequiredProperty(name));
        }
        return properties.toArray(String[]::new);
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
