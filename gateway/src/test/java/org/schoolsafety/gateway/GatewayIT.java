package org.schoolsafety.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.testing.ServiceSmokeContract;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway starts on real Redis, admits by token and role, routes to the services, passes the trace on. */
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT extends ServiceSmokeContract {

    private static final StandInService SERVICES = new StandInService();

    GatewayIT() {
        super("gateway");
    }

    @Override
    protected boolean usesKafka() {
        return false;
    }

    @Override
    protected boolean publishesOpenApi() {
        return false;
    }

    /** The gateway has no error page of its own: /error is a path like any other, and no route takes it. */
    @Override
    protected int errorPageStatus() {
        return 404;
    }

    @DynamicPropertySource
    static void routeToTheStandIn(DynamicPropertyRegistry registry) {
        String standIn = SERVICES.url();
        for (String service : new String[] {"alert", "subscription", "bulletin", "cyber-threat", "delivery"}) {
            registry.add("ssn.gateway.services." + service, () -> standIn);
        }
    }

    @AfterAll
    static void stopAlertService() {
        SERVICES.close();
    }

    @Test
    void routesAlertRequestsToAlertServiceWithTraceContext() throws Exception {
        HttpResponse<String> response =
                get("/api/alerts/ping", TestIssuer.shared().token("mo-state", "STATE_BROADCASTER"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("stand-in saw /api/alerts/ping");
        assertThat(seen("/api/alerts/ping").traceparents())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    /**
     * A caller's trace runs on through the gateway: the service gets the caller's trace id under a span of the
     * gateway's (not the caller's span, and not the caller's header beside the gateway's), and the access log
     * line carries the same trace id.
     */
    @Test
    void aCallersTraceContinuesThroughTheGatewaysSpanToTheService(CapturedOutput output) throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        HttpResponse<String> response = send(request("/api/alerts/traced")
                .header("Authorization", "Bearer " + TestIssuer.shared().token("mo-state", "STATE_BROADCASTER"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen("/api/alerts/traced").traceparents())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(callerSpan);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern(traceId + ".*GET /api/alerts/traced 200 [0-9]+ms client=test-mo-state"));
    }

    /**
     * Actuator answers close their connection (see edge/CloseAfterProbe: a kept-alive connection could stall after
     * one); the API's answers keep theirs open.
     */
    @Test
    void actuatorAnswersCloseTheirConnectionAndApiAnswersDoNot() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health", "/actuator/prometheus")) {
            assertThat(get(probe).headers().firstValue("connection")).as(probe).hasValue("close");
        }
        HttpResponse<String> api = get("/api/alerts/ping", TestIssuer.shared().token("mo-state", "STATE_BROADCASTER"));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().allValues("connection")).doesNotContain("close");
    }

    /** The request the stand-in service got for {@code path} (the last one, if there were several). */
    private static StandInService.Seen seen(String path) {
        StandInService.Seen last = null;
        for (StandInService.Seen request : SERVICES.seen) {
            if (request.path().equals(path)) {
                last = request;
            }
        }
        if (last == null) {
            throw new AssertionError("the stand-in service got no request for " + path);
        }
        return last;
    }

    /**
     * The role model of DESIGN.md §6, written out independently of the gateway's rules: every platform role
     * may read every group; only these roles may change things in it.
     */
    private static final Map<String, Set<Role>> WRITERS = Map.of(
            "/api/alerts/a-1", EnumSet.of(Role.STATE_BROADCASTER, Role.STATE_APPROVER),
            "/api/acknowledgements/d-1", EnumSet.of(Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR, Role.SYSTEM),
            "/api/organisations/mo-district-x",
                    EnumSet.of(Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR),
            "/api/endpoints/e-1", EnumSet.of(Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR),
            "/api/subscriptions/s-1", EnumSet.of(Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR),
            "/api/bulletins/b-1", EnumSet.of(Role.STATE_EDITOR),
            "/api/advisories/a-1", EnumSet.of(Role.STATE_ANALYST),
            "/taxii2/collections/", EnumSet.of(Role.STATE_ANALYST),
            "/api/deliveries/d-1",
                    EnumSet.of(
                            Role.STATE_BROADCASTER,
                            Role.STATE_ADMIN,
                            Role.DISTRICT_ADMIN,
                            Role.SCHOOL_COORDINATOR,
                            Role.SYSTEM));

    static Stream<Arguments> roleMatrix() {
        return WRITERS.entrySet().stream()
                .flatMap(group -> Arrays.stream(Role.values())
                        .flatMap(role -> Stream.of(
                                Arguments.of(group.getKey(), role, "GET", true),
                                Arguments.of(
                                        group.getKey(),
                                        role,
                                        "POST",
                                        group.getValue().contains(role)))));
    }

    @ParameterizedTest(name = "{2} {0} as {1}: allowed={3}")
    @MethodSource("roleMatrix")
    void everyRoleGetsExactlyTheAccessTheModelGives(String path, Role role, String method, boolean allowed)
            throws Exception {
        String organisation = role.isStateRole() ? "mo-state" : "mo-district-columbia-93";
        HttpResponse<String> response = send(request(path)
                .header("Authorization", "Bearer " + TestIssuer.shared().token(organisation, role.name()))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build());
        if (allowed) {
            assertThat(response.statusCode())
                    .as("forwarded to the service: %s", response.body())
                    .isEqualTo(200);
        } else {
            assertProblemDetail(response, 403);
        }
    }

    @Test
    void aTokenWithoutAPlatformRoleReadsNothing() throws Exception {
        assertProblemDetail(get("/api/alerts/a-1", TestIssuer.shared().token("mo-state", "SOMETHING_ELSE")), 403);
    }

    @Test
    void anOversizedBodyIsRefusedWith413EvenBeforeTheTokenIsChecked() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        String token = TestIssuer.shared().token("mo-state", "STATE_BROADCASTER");
        HttpResponse<String> withToken = send(request("/api/alerts")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes))
                .build());
        assertProblemDetail(withToken, 413);
        HttpResponse<String> anonymous = send(request("/api/alerts")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes))
                .build());
        assertProblemDetail(anonymous, 413);
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response =
                get("/api/alerts/ping", TestIssuer.shared().token("mo-state", "STATE_ADMIN"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // the API browser needs the gateway's own scripts and styles; nothing from elsewhere, no inline script
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .startsWith("default-src 'self';")
                        .contains("object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
                        .doesNotContain("script-src", "unsafe-eval", "*"));
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void everyServiceOpenApiDocumentIsRoutedAndBrowsableWithoutAToken() throws Exception {
        for (String service : List.of(
                "alert-service",
                "subscription-service",
                "bulletin-service",
                "cyber-threat-service",
                "delivery-service")) {
            HttpResponse<String> docs = get("/api-docs/" + service);
            assertThat(docs.statusCode()).as(service).isEqualTo(200);
            assertThat(docs.body()).isEqualTo("stand-in saw /v3/api-docs");
        }
        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .contains(
                        "\"url\":\"/api-docs/alert-service\"",
                        "\"url\":\"/api-docs/subscription-service\"",
                        "\"url\":\"/api-docs/bulletin-service\"",
                        "\"url\":\"/api-docs/cyber-threat-service\"",
                        "\"url\":\"/api-docs/delivery-service\"");
        HttpResponse<String> browser = get("/swagger-ui/index.html");
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(get("/swagger-ui/swagger-initializer.js").body()).contains("/v3/api-docs/swagger-config");
    }

    @Test
    void theConsoleOriginMayCallTheApiAndOthersMayNot() throws Exception {
        HttpResponse<String> console = send(request("/api/alerts")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        HttpResponse<String> stranger = send(request("/api/alerts")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theAccessLogHasPathStatusAndClientButNoQueryString(CapturedOutput output) throws Exception {
        String token = TestIssuer.shared().token("mo-district-columbia-93", "DISTRICT_ADMIN");
        get("/api/alerts/ping?email=secretary@school.example&phone=%2B15735550142", token);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("GET /api/alerts/ping 200 [0-9]+ms client=test-mo-district-columbia-93"));
        assertThat(output.getOut()).doesNotContain("secretary@school.example", "5550142");
    }

    /**
     * The access log's output hangs (a write to a disk that stalls): requests are still answered, and their lines
     * follow once the output moves again. Written on the event loop, as it used to be, the line would hold up the
     * answer and every other request of that loop.
     */
    @Test
    void aStalledAccessLogOutputHoldsUpNoRequestAndLosesNoLine(CapturedOutput output) throws Exception {
        String token = TestIssuer.shared().token("mo-district-columbia-93", "DISTRICT_ADMIN");
        java.util.concurrent.CountDownLatch outputFree = new java.util.concurrent.CountDownLatch(1);
        ch.qos.logback.classic.Logger accessLogger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("org.schoolsafety.gateway.edge.AccessLog");
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> stalled =
                new ch.qos.logback.core.AppenderBase<>() {
                    @Override
                    protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                        try {
                            outputFree.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
        stalled.start();
        accessLogger.addAppender(stalled);
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = send(request("/api/alerts/stalled-log-" + i)
                        .timeout(java.time.Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            assertThat(output.getOut()).doesNotContain("/api/alerts/stalled-log-");
        } finally {
            outputFree.countDown();
            accessLogger.detachAppender(stalled);
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains(
                                "GET /api/alerts/stalled-log-0 200",
                                "GET /api/alerts/stalled-log-1 200",
                                "GET /api/alerts/stalled-log-2 200"));
    }

    @Test
    void aRequestWhoseClientGaveUpIsLoggedAsCancelledNotWithAStatusNobodySent(CapturedOutput output) throws Exception {
        String token = TestIssuer.shared().token("mo-district-columbia-93", "DISTRICT_ADMIN");
        java.net.http.HttpRequest request = request("/api/alerts/hang")
                .timeout(java.time.Duration.ofMillis(500))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(request))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(output.getOut())
                            .containsPattern(
                                    "GET /api/alerts/hang cancelled [0-9]+ms client=test-mo-district-columbia-93"));
            assertThat(output.getOut()).doesNotContainPattern("GET /api/alerts/hang [0-9]{3} ");
        } finally {
            SERVICES.release.countDown();
        }
    }
}
