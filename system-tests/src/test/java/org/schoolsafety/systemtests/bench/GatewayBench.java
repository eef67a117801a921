package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.schoolsafety.systemtests.LocalStackProcess;

/**
 * {@code bench.gateway}: the p99 latency the gateway adds over calling a service directly, at a fixed
 * request rate. The whole platform runs from the local stack; the same authenticated request (a state
 * admin's GET of an alert that does not exist, answered 404 by alert-service after it validated the token)
 * goes straight to alert-service and through the gateway (which validates the token too, checks the role,
 * counts the client's rate in Redis and forwards it). The two paths take turns request by request, each at the
 * same rate, so that whatever else the machine does at a moment (a collection in another service, Kafka writing,
 * the scheduler) falls on both alike; the difference of their p99 is then the gateway's own.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl system-tests -am verify -Dbench=gateway}. Settings (system properties):
 * {@code bench.rps} per path (default 100, so alert-service answers 200 a second, 100 of them through the
 * gateway; 200 through the gateway saturates this 2-core machine, which runs the whole platform and the load),
 * {@code bench.seconds} per round (default 20), {@code bench.rounds} (3; each round's added p99 is printed too),
 * {@code bench.warmup-requests} per path (30,000, four at a time, as fast as they are answered),
 * {@code bench.warmup-seconds} at most per path (240), {@code bench.samples} a file to write every measured request
 * to (see {@link #writeSamples}). {@code round_steal_pct} is each round's share of the machine's CPU
 * time that the hypervisor gave to other guests ({@link CpuTimes}): a round with steal is slower for both paths, and
 * more so for the one that crosses two processes. {@code round_peak_steal_pct} is each round's largest steal share in
 * any 100 ms: a burst that the round's average hides (a few hundred milliseconds of one core taken away stall the
 * requests in flight, and the gateway path, with more work per request, takes longer to catch up afterwards).
 */
@EnabledIfSystemProperty(named = "bench", matches = "gateway")
class GatewayBench {

    @Test
    void gatewayAddedLatency() throws Exception {
        int rps = Integer.getInteger("bench.rps", 100);
        Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
        int rounds = Integer.getInteger("bench.rounds", 3);
        // one client sends the whole load: lift its rate limit, or the gateway path measures 429s
        try (LocalStackProcess stack = LocalStackProcess.start(
                Duration.ofSeconds(300),
                java.util.Map.of(
                        "SSN_GATEWAY_RATELIMIT_REQUESTSPERSECOND", "1000000",
                        // services with the optimising JIT, as in production, not the quick-start C1 only
                        "SSN_SERVICE_JIT", "full"))) {
            String token = stack.token("state-admin");
            String path = "/api/alerts/bench-none";
            String direct = "http://127.0.0.1:" + stack.port("alert-service") + path;
            String viaGateway = stack.gatewayUrl() + path;
            OpenLoopLoad load = new OpenLoopLoad();

            // warm up both paths (JIT, connection pools, JWKS fetch), results discarded. The optimising compiler
            // needs tens of thousands of requests through the reactive gateway before its latency settles: by hand,
            // its CPU per request fell from 12 ms over the first 4,000 to 2.3 ms after 24,000, with the compiler
            // threads taking most of the CPU until then. A gateway in service runs warm; measured cold, the
            // compiler's work would be most of what this benchmark reports.
            int warmUpRequests = Integer.getInteger("bench.warmup-requests", 30_000);
            Duration warmUpLimit = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 240));
            int warmedGateway = load.warmUp(viaGateway, token, warmUpRequests, 4, warmUpLimit);
            int warmedDirect = load.warmUp(direct, token, warmUpRequests, 4, warmUpLimit);
            // then the open loop itself at the measured rate, so that its own code paths are compiled too
            List<String> paths = List.of(direct, viaGateway);
            load.run(paths, token, 404, rps, Duration.ofSeconds(10));

            List<OpenLoopLoad.Result> directRuns = new ArrayList<>();
            List<OpenLoopLoad.Result> gatewayRuns = new ArrayList<>();
            List<String> roundAdded = new ArrayList<>();
            List<String> roundSteal = new ArrayList<>();
            List<String> roundPeakSteal = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                CpuTimes cpuAtStart = CpuTimes.now();
                List<OpenLoopLoad.Result> results;
                try (CpuTimes.Readings readings = new CpuTimes.Readings(Duration.ofMillis(100))) {
                    results = load.run(paths, token, 404, rps, phase);
                    roundPeakSteal.add(CpuTimes.peakStealPercent(readings.stop()));
                }
                roundSteal.add(CpuTimes.now().stealPercentSince(cpuAtStart));
                writeSamples(round, results);
                directRuns.add(results.get(0));
                gatewayRuns.add(results.get(1));
                roundAdded.add(String.format(
                        java.util.Locale.ROOT,
                        "%.2f",
                        results.get(1).percentile(99) - results.get(0).percentile(99)));
            }
            OpenLoopLoad.Result directAll = merge(directRuns);
            OpenLoopLoad.Result gatewayAll = merge(gatewayRuns);
            double addedP99 = gatewayAll.percentile(99) - directAll.percentile(99);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "bench.gateway rps=%d added_p99_ms=%.2f direct_p50_ms=%.2f direct_p99_ms=%.2f"
                            + " gateway_p50_ms=%.2f gateway_p99_ms=%.2f round_added_p99_ms=%s requests=%d errors=%d"
                            + " warmup_requests=%d/%d round_steal_pct=%s round_peak_steal_pct=%s%n",
                    rps,
                    addedP99,
                    directAll.percentile(50),
                    directAll.percentile(99),
                    gatewayAll.percentile(50),
                    gatewayAll.percentile(99),
                    String.join("/", roundAdded),
                    directAll.latenciesMs().length + gatewayAll.latenciesMs().length,
                    directAll.errors() + gatewayAll.errors(),
                    warmedGateway,
                    warmedDirect,
                    String.join("/", roundSteal),
                    String.join("/", roundPeakSteal));
            assertThat(directAll.errors() + gatewayAll.errors())
                    .as(
                            "requests without the expected 404: direct %s, gateway %s",
                            directAll.errorKinds(), gatewayAll.errorKinds())
                    .isZero();
        }
    }

    /**
     * With {@code -Dbench.samples=<file>}: every measured request as a CSV line (round, path, when it was due in
     * epoch milliseconds, latency in milliseconds), to line up one path's slow requests with the other's and with
     * the services' logs. Off by default.
     */
    private static void writeSamples(int round, List<OpenLoopLoad.Result> results) throws java.io.IOException {
        String file = System.getProperty("bench.samples");
        if (file == null || file.isBlank()) {
            return;
        }
        StringBuilder csv = new StringBuilder();
        if (round == 0) {
            csv.append("round,path,due_epoch_ms,latency_ms\n");
        }
        String[] names = {"direct", "gateway"};
        for (int path = 0; path < results.size(); path++) {
            OpenLoopLoad.Result result = results.get(path);
            double[] latencies = result.latenciesMs();
            for (int i = 0; i < latencies.length; i++) {
                csv.append(String.format(
                        java.util.Locale.ROOT,
                        "%d,%s,%.3f,%.3f%n",
                        round,
                        names[path],
                        result.firstDueEpochMs() + i * result.intervalMs(),
                        latencies[i]));
            }
        }
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (round == 0) {
            java.nio.file.Files.writeString(path, csv);
        } else {
            java.nio.file.Files.writeString(path, csv, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static OpenLoopLoad.Result merge(List<OpenLoopLoad.Result> runs) {
        double[] all = runs.stream()
                .flatMapToDouble(r -> java.util.Arrays.stream(r.latenciesMs()))
                .toArray();
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        runs.forEach(r -> r.errorKinds().forEach((kind, n) -> kinds.merge(kind, n, Integer::sum)));
        // several runs: no one timeline
        return new OpenLoopLoad.Result(
                all, runs.stream().mapToInt(OpenLoopLoad.Result::errors).sum(), kinds, Double.NaN, Double.NaN);
    }
}
