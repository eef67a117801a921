package org.schoolsafety.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.schoolsafety.testing.ServiceSmokeContract;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway starts on real Redis, routes to a service, and passes the trace on. */
class GatewayIT extends ServiceSmokeContract {

    /** Stands in for alert-service: answers every request and keeps its traceparent header. */
    private static final HttpServer ALERT_SERVICE = startAlertService();

    private static final BlockingQueue<String> TRACEPARENTS = new LinkedBlockingQueue<>();

    GatewayIT() {
        super("gateway");
    }

    @Override
    protected boolean usesKafka() {
        return false;
    }

    @DynamicPropertySource
    static void routeToTheStandIn(DynamicPropertyRegistry registry) {
        registry.add(
                "ssn.services.alert",
                () -> "http://127.0.0.1:" + ALERT_SERVICE.getAddress().getPort());
        registry.add("ssn.services.delivery", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopAlertService() {
        ALERT_SERVICE.stop(0);
    }

    @Test
    void routesAlertRequestsToAlertServiceWithTraceContext() throws Exception {
        HttpResponse<String> response = get("/api/alerts/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alert-service saw /api/alerts/ping");
        String traceparent = TRACEPARENTS.poll(5, TimeUnit.SECONDS);
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void aServiceThatIsDownIsAProblemDetailNotAStackTrace() throws Exception {
        assertProblemDetail(get("/api/deliveries/anything"), 503);
    }

    /** A port nothing listens on: a service that is down. */
    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startAlertService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                TRACEPARENTS.add(traceparent == null ? "none" : traceparent);
                byte[] body =
                        ("alert-service saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
