package org.schoolsafety.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service must show from outside once it has started on real Kafka and Redis: healthy probes,
 * Prometheus metrics tagged with service and instance, the catalog's topics on a broker that does not
 * auto-create them, RFC 9457 problem details instead of error pages, and no API call without a valid token
 * (missing, malformed, forged, expired, wrong issuer, wrong audience: all 401), and a public OpenAPI document.
 * A service's test extends this and names the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class ServiceSmokeContract {

    /**
     * HTTP/1.1, as the services serve it. The JDK client's default offers an h2c upgrade on each new connection;
     * against the gateway (Reactor Netty 1.3.6) a later health request on such a connection now and then went
     * unread until the client gave up: 8 of 3,000 rounds of liveness, readiness and health (a new client each
     * round) against the local stack's gateway, none of 3,000 with HTTP/1.1. It looks like
     * reactor/reactor-netty#4361 (a keep-alive connection that stops reading after a buffered request), fixed
     * upstream after the version used here.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String serviceName;

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    protected ServiceSmokeContract(String serviceName) {
        this.serviceName = serviceName;
    }

    /** Whether the service keeps state in Redis, so its health must show Redis UP. */
    protected boolean usesRedis() {
        return true;
    }

    /** Whether the service publishes or consumes events, so it creates the catalog's topics. */
    protected boolean usesKafka() {
        return true;
    }

    /** Whether the service publishes its own OpenAPI document (the gateway serves the services' instead). */
    protected boolean publishesOpenApi() {
        return true;
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        if (usesRedis()) {
            assertThat(health.body()).containsPattern("\"redis\":\\{(\"details\":\\{[^}]*\\},)?\"status\":\"UP\"");
        }
    }

    @Test
    void prometheusMetricsCarryServiceAndInstanceTags() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("jvm_threads_live_threads\\{[^}]*service=\"" + serviceName + "\"")
                .containsPattern("jvm_threads_live_threads\\{[^}]*instance=\"[^\"]+:[0-9]+\"");
    }

    @Test
    void catalogTopicsExistOnABrokerThatNeverCreatesThemItself() throws Exception {
        if (!usesKafka()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (Topic topic : Topics.all()) {
                assertThat(names).contains(topic.name(), topic.deadLetterName());
            }
        }
    }

    @Test
    void unknownPathAnswersWithAProblemDetailNotAnErrorPage() throws Exception {
        assertProblemDetail(get("/api/no-such-thing", TestIssuer.shared().token("mo-state", "STATE_ADMIN")), 404);
    }

    /** The container's error page, where an error no controller answered ends up, is no Spring error JSON either. */
    @Test
    void theErrorPageIsAProblemDetailNotSpringsDefaultErrorJson() throws Exception {
        HttpResponse<String> page = get("/error");
        assertProblemDetail(page, errorPageStatus());
        assertThat(page.body()).doesNotContain("\"timestamp\"", "\"error\":");
    }

    @Test
    void apiRefusesEveryRequestWithoutAValidToken() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        String path = "/api/no-such-thing";
        HttpResponse<String> anonymous = get(path);
        assertProblemDetail(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertProblemDetail(get(path, "not-a-jwt"), 401);
        assertProblemDetail(get(path, issuer.forged("mo-state", "STATE_ADMIN")), 401);
        assertProblemDetail(get(path, issuer.expired("mo-state", "STATE_ADMIN")), 401);
        assertProblemDetail(get(path, issuer.fromAnotherIssuer("mo-state", "STATE_ADMIN")), 401);
        assertProblemDetail(get(path, issuer.forAnotherAudience("mo-state", "STATE_ADMIN")), 401);
    }

    @Test
    void publishesItsOpenApiDocumentWithTheBearerScheme() throws Exception {
        if (!publishesOpenApi()) {
            return;
        }
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        DocumentContext doc = JsonPath.parse(docs.body());
        assertThat(doc.read("$.openapi", String.class)).startsWith("3.");
        assertThat(doc.read("$.info.title", String.class)).isEqualTo(serviceName);
        assertThat(doc.read("$.components.securitySchemes.bearer-jwt", Map.class))
                .containsEntry("type", "http")
                .containsEntry("scheme", "bearer")
                .containsEntry("bearerFormat", "JWT");
        assertThat(doc.read("$.security[0]", Map.class)).containsOnlyKeys("bearer-jwt");
    }

    /** What {@code GET /error} answers: a servlet service's error page, called with no error recorded, says 500. */
    protected int errorPageStatus() {
        return 500;
    }

    /** The response is an RFC 9457 problem detail with this status, and shows no stack trace. */
    protected static void assertProblemDetail(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception", "at org.");
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    protected HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return send(request(path)
                .header("Authorization", "Bearer " + bearerToken)
                .GET()
                .build());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
    }

    protected static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // what every thread of the service was doing while it did not answer
            StringBuilder dump = new StringBuilder("no answer to " + request.uri() + "; the threads:\n");
            for (java.lang.management.ThreadInfo thread :
                    java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true, 64)) {
                dump.append(thread);
                StackTraceElement[] stack = thread.getStackTrace();
                for (int i = 8; i < stack.length; i++) {
                    dump.append("\tat ").append(stack[i]).append('\n');
                }
            }
            System.out.println(dump);
            throw e;
        }
    }

    protected int port() {
        return port;
    }
}
