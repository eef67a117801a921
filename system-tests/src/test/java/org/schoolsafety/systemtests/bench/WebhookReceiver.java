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
import java.util.Map;
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
 * which {@code webhook-id}s to wait for and when the first and the last of them arrived. Every id's first arrival
 * is kept, so a phase may be set after some of its ids came (an alert's delivery ids are known only once the call
 * that issued it has answered).
 */
final class WebhookReceiver implements AutoCloseable {

    /** The ids one phase expects, and when the first and the last of them arrived. */
    static final class Phase {
        private final Set<String> expected;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger left;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

        private Phase(Collection<String> ids) {
            this.expected = new HashSet<>(ids);
            this.left = new AtomicInteger(expected.size());
        }

        private void arrived(String id, long at) {
            if (!expected.contains(id)) {
                return;
            }
            if (!seen.add(id)) {
                duplicates.incrementAndGet();
                return;
            }
            count(at);
        }

        /** An id that arrived before this phase was set (or while it was being set: not a duplicate then). */
        private void caughtUp(String id, long at) {
            if (expected.contains(id) && seen.add(id)) {
                count(at);
            }
        }

        private void count(long at) {
            firstNanos.accumulateAndGet(at, Math::min);
            lastNanos.accumulateAndGet(at, Math::max);
            if (left.decrementAndGet() == 0) {
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
            return lastNanos.get();
        }

        /** {@link System#nanoTime()} when the first expected id arrived ({@link Long#MAX_VALUE} before). */
        long firstNanos() {
            return firstNanos.get();
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
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
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

    /** From now on, counts arrivals of these ids; those that arrived before count too. */
    Phase expect(Collection<String> ids) {
        Phase next = new Phase(ids);
        phase = next;
        arrivals.forEach(next::caughtUp);
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
            if (id != null) {
                long at = System.nanoTime();
                arrivals.putIfAbsent(id, at);
                Phase current = phase;
                if (current != null) {
                    current.arrived(id, at);
                }
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
