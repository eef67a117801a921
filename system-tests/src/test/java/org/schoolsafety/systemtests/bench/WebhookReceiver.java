package org.schoolsafety.systemtests.bench;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A district's webhook receiver in the benchmark's JVM: the JDK's HTTP server on 127.0.0.1, a virtual thread per
 * request. Every request's signature is checked with the Standard Webhooks reference verifier and the one known
 * secret (timestamp tolerance included), counted good or bad, and answered 204 either way. A {@link Phase} says
 * which {@code webhook-id}s to wait for and when the last of them arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    /** The ids one phase expects, and when the last of them arrived. */
    static final class Phase {
        private final Set<String> expected;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger left;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong duplicates = new AtomicLong();
        private volatile long doneNanos;

        private Phase(Collection<String> ids) {
            this.expected = new HashSet<>(ids);
            this.left = new AtomicInteger(expected.size());
        }

        private void arrived(String id) {
            if (!expected.contains(id)) {
                return;
            }
            if (!seen.add(id)) {
                duplicates.incrementAndGet();
                return;
            }
            if (left.decrementAndGet() == 0) {
                doneNanos = System.nanoTime();
                done.countDown();
            }
        }

        /** Waits until every expected id arrived or {@code timeout} passed; whether all arrived. */
        boolean await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * Waits until every expected id arrived, giving up early once nothing new arrived for {@code stall}
         * (after at least that long), or at {@code timeout}; whether all arrived.
         */
        boolean awaitUnlessStalled(Duration timeout, Duration stall) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int lastSeen = -1;
            long lastChange = System.nanoTime();
            while (System.nanoTime() < deadline) {
                if (done.await(200, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                int now = seen.size();
                if (now != lastSeen) {
                    lastSeen = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    return false;
                }
            }
            return done.getCount() == 0;
        }

        /** {@link System#nanoTime()} when the last expected id arrived. */
        long doneNanos() {
            return doneNanos;
        }

        int arrived() {
            return seen.size();
        }

        int expected() {
            return expected.size();
        }

        long duplicates() {
            return duplicates.get();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Webhook verifier;
    private final AtomicLong good = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private volatile Phase phase;

    WebhookReceiver(String secret) throws IOException {
        verifier = new Webhook(secret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/hook/", this::take);
        server.start();
    }

    /** Where endpoint {@code i} receives its webhooks. */
    String url(int i) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + i;
    }

    /** From now on, counts arrivals of these ids. */
    Phase expect(Collection<String> ids) {
        Phase next = new Phase(ids);
        phase = next;
        return next;
    }

    long good() {
        return good.get();
    }

    long bad() {
        return bad.get();
    }

    private void take(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = exchange.getRequestHeaders();
            try {
                verifier.verify(new String(body, StandardCharsets.UTF_8), headers);
                good.incrementAndGet();
            } catch (WebhookVerificationException e) {
                bad.incrementAndGet();
            }
            String id = headers.getFirst("webhook-id");
            Phase current = phase;
            if (id != null && current != null) {
                current.arrived(id);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
