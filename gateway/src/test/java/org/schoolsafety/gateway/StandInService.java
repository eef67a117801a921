package org.schoolsafety.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the services behind the gateway: answers 200 to everything and keeps each request's path and
 * {@code traceparent} headers. A path ending in {@code /hang} is answered only once {@link #release} is counted down
 * (or after 10 s).
 */
final class StandInService implements AutoCloseable {

    /** A request as the service got it: its path and every {@code traceparent} header it carried. */
    record Seen(String path, List<String> traceparents) {}

    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server;

    StandInService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            List<String> traceparents = exchange.getRequestHeaders().get("traceparent");
            seen.add(new Seen(
                    exchange.getRequestURI().getPath(), traceparents == null ? List.of() : List.copyOf(traceparents)));
            if (exchange.getRequestURI().getPath().endsWith("/hang")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("stand-in saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
