package org.schoolsafety.systemtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed request rate against URLs on 127.0.0.1, open loop: each request is due at its own time and its
 * latency counts from then, so a slow response cannot hide the ones queued behind it (no coordinated
 * omission). Bounded in count (rate × duration) and in time (5 s per request).
 */
final class OpenLoopLoad {

    /**
     * Latencies in milliseconds of one run, and how many requests did not get the expected status. The requests
     * were due at {@code firstDueEpochMs + i × intervalMs}: with the latencies, that lines up slow requests with
     * what else was slow at the time (another path, a service's log).
     */
    record Result(
            double[] latenciesMs,
            int errors,
            java.util.Map<String, Integer> errorKinds,
            double firstDueEpochMs,
            double intervalMs) {

        double percentile(double p) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
        }
    }

    private final HttpClient client;

    OpenLoopLoad() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * Sends {@code requestsPerSecond} requests per second to each of {@code urls} for {@code duration}, the URLs
     * taking turns request by request (with two URLs: the first at 0, 10, 20 ms…, the second at 5, 15, 25 ms…
     * for 100 per second each). Whatever else the machine does at a moment then falls on all URLs alike.
     *
     * @return one result per URL, in the order given
     */
    List<Result> run(List<String> urls, String token, int expectedStatus, int requestsPerSecond, Duration duration)
            throws InterruptedException {
        int paths = urls.size();
        int perPath = (int) (requestsPerSecond * duration.toSeconds());
        long intervalNanos = 1_000_000_000L / ((long) requestsPerSecond * paths);
        double[][] latencies = new double[paths][perPath];
        AtomicIntegerArray errors = new AtomicIntegerArray(paths);
        List<java.util.concurrent.ConcurrentHashMap<String, Integer>> kinds = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (String url : urls) {
            kinds.add(new java.util.concurrent.ConcurrentHashMap<>());
            requests.add(get(url, token));
        }
        long start = System.nanoTime();
        double startEpochMs = System.currentTimeMillis() + (start - System.nanoTime()) / 1e6;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < perPath * paths; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int path = i % paths;
                int slot = i / paths;
                senders.submit(() -> {
                    try {
                        HttpResponse<Void> response =
                                client.send(requests.get(path), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != expectedStatus) {
                            errors.incrementAndGet(path);
                            kinds.get(path).merge("http " + response.statusCode(), 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet(path);
                        kinds.get(path).merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    latencies[path][slot] = (System.nanoTime() - due) / 1e6;
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still running 30 s after the last was due");
            }
        }
        List<Result> results = new ArrayList<>();
        for (int path = 0; path < paths; path++) {
            results.add(new Result(
                    latencies[path],
                    errors.get(path),
                    java.util.Map.copyOf(kinds.get(path)),
                    startEpochMs + path * intervalNanos / 1e6,
                    paths * intervalNanos / 1e6));
        }
        return results;
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
    }

    /**
     * Warm-up, closed loop: {@code concurrency} clients each send the request again as soon as the answer is
     * in, until {@code requests} are answered or {@code limit} has passed. Nothing is measured; it gives the
     * optimising compiler the tens of thousands of calls it needs before a JVM's latency is its steady one.
     *
     * @return how many requests were answered
     */
    int warmUp(String url, String token, int requests, int concurrency, Duration limit) throws InterruptedException {
        HttpRequest request = get(url, token);
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger answered = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                        try {
                            client.send(request, HttpResponse.BodyHandlers.discarding());
                            answered.incrementAndGet();
                        } catch (java.io.IOException e) {
                            // a warm-up request that fails is only not counted
                        }
                    }
                    return null;
                });
            }
        }
        return answered.get();
    }
}
