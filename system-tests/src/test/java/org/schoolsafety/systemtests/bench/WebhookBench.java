package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.systemtests.bench.DeliveryBenchSupport.seconds;

import com.standardwebhooks.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.systemtests.LocalStackProcess;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench.webhook}: how long {@code bench.deliveries} signed webhook deliveries (default 10,000) take through
 * the real broker and delivery-service, against the same receiver blasted by a plain HTTP client. The whole
 * platform runs from the local stack (optimising JIT; email and SMS adapters off). A receiver in this JVM
 * ({@link WebhookReceiver}) verifies every signature with the Standard Webhooks reference verifier. The
 * {@code bench.endpoints} endpoints (default 1,000; verified webhooks at {@code http://127.0.0.1:<port>/hook/<i>},
 * one known secret) are written to the {@code directory} topic; warm-up rounds of one delivery per endpoint go
 * until one reaches them all (delivery-service has the whole directory) and then {@code bench.warmup-rounds} more
 * (JIT). Then:
 * <ul>
 *   <li>{@code seconds}: the requests are published to {@code delivery-requests-urgent} as fast as a producer
 *       takes them, notification by notification over every endpoint; from the first send until the receiver has
 *       seen every {@code webhook-id};
 *   <li>{@code raw_seconds}: the same number of POSTs of the same kind of signed body, from a JDK
 *       {@code HttpClient} with {@code bench.raw-in-flight} (64, delivery-service's connections per host) in
 *       flight, after a warm-up of the same size as the platform's; timed the same way;
 *   <li>{@code bad_signatures}: requests from delivery-service (warm-up included) whose signature did not verify.
 * </ul>
 * Prints {@code bench.webhook deliveries=<n> seconds=<t> raw_seconds=<t0> ratio=<t/t0> bad_signatures=<k>} and an
 * informational {@code webhook-bench ...} line. Asserts only that every delivery arrived.
 *
 * <p>Sixty warm-up rounds, not twenty: with twenty, delivery-service's JIT compiler threads still took 30–47% of a
 * core through bench.email's whole measured phase (their CPU time in {@code /proc/<pid>/task}), C2 taking seconds
 * per method on these cores, and the phase measured compilation as much as delivery. Here, with sixty, they still
 * took about a third of a core in the one run measured so. Each timed phase starts once the machine
 * has been at most {@code bench.quiet-busy-pct} (30) busy for a second, waiting at most
 * {@code bench.quiet-limit-seconds} (60), so that neither phase shares the cores with work left from the one before
 * it (services reading a warm-up's outcomes, compilers); {@code quiet_wait_s} says how long that took ({@code +}
 * quiet, {@code !} not).
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl system-tests -am verify -Dbench=webhook}. Settings (system properties):
 * {@code bench.deliveries} (10000), {@code bench.endpoints} (1000), {@code bench.warmup-rounds} (60),
 * {@code bench.raw-in-flight} (64), {@code bench.wait-minutes} per phase (10), {@code bench.quiet-busy-pct} (30),
 * {@code bench.quiet-limit-seconds} (60).
 */
@EnabledIfSystemProperty(named = "bench", matches = "webhook")
class WebhookBench {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void webhookDeliveries() throws Exception {
        int deliveries = Integer.getInteger("bench.deliveries", 10_000);
        int endpointCount = Integer.getInteger("bench.endpoints", 1_000);
        int warmupRounds = Integer.getInteger("bench.warmup-rounds", 60);
        int inFlight = Integer.getInteger("bench.raw-in-flight", 64);
        Duration wait = Duration.ofMinutes(Integer.getInteger("bench.wait-minutes", 10));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
                LocalStackProcess stack = LocalStackProcess.start(
                        Duration.ofSeconds(300),
                        Map.of(
                                "SSN_SERVICE_JIT", "full",
                                "SSN_DELIVERY_EMAIL_ENABLED", "false",
                                "SSN_DELIVERY_SMS_ENABLED", "false"))) {
            Instant now = Instant.now();
            List<EndpointChanged> endpoints = new ArrayList<>(endpointCount);
            for (int i = 0; i < endpointCount; i++) {
                endpoints.add(DeliveryBenchSupport.endpoint(
                        "ep-bench-webhook-" + i, Channel.WEBHOOK, receiver.url(i), SECRET, now));
            }
            DeliveryBenchSupport.writeEndpoints(stack.kafkaBootstrap(), endpoints);

            long platformNanos;
            long publishNanos;
            String loadAtStart;
            String platformSteal;
            String platformQuiet;
            int rounds = 0;
            WebhookReceiver.Phase measured;
            try (KafkaProducer<String, Object> producer = DeliveryBenchSupport.producer(stack.kafkaBootstrap())) {
                // delivery-service's view follows the directory topic, and fails a request for an endpoint it does
                // not know yet: rounds until one reaches every endpoint
                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                boolean known = false;
                int reached = 0;
                while (!known && System.nanoTime() < deadline) {
                    rounds++;
                    List<DeliveryRequested> round = DeliveryBenchSupport.requests(
                            endpoints, 1, "webhook-known-" + rounds, WebhookBench::message);
                    WebhookReceiver.Phase phase = receiver.expect(ids(round));
                    DeliveryBenchSupport.publish(producer, round);
                    known = phase.awaitUnlessStalled(Duration.ofSeconds(120), Duration.ofSeconds(15));
                    reached = phase.arrived();
                }
                assertThat(known)
                        .as("a warm-up round reached all %d endpoints (the last reached %d)", endpointCount, reached)
                        .isTrue();
                for (int warm = 0; warm < warmupRounds; warm++) {
                    rounds++;
                    List<DeliveryRequested> round =
                            DeliveryBenchSupport.requests(endpoints, 1, "webhook-warm-" + warm, WebhookBench::message);
                    WebhookReceiver.Phase phase = receiver.expect(ids(round));
                    DeliveryBenchSupport.publish(producer, round);
                    assertThat(phase.await(wait))
                            .as("warm-up round %d arrived in full (%d of %d)", warm, phase.arrived(), endpointCount)
                            .isTrue();
                }

                List<DeliveryRequested> requests = DeliveryBenchSupport.requests(
                                endpoints,
                                (deliveries + endpointCount - 1) / endpointCount,
                                "webhook-measured",
                                WebhookBench::message)
                        .subList(0, deliveries);
                measured = receiver.expect(ids(requests));
                platformQuiet = DeliveryBenchSupport.awaitQuiet();
                loadAtStart = DeliveryBenchSupport.loadAverage();
                CpuTimes cpuAtStart = CpuTimes.now();
                long start = System.nanoTime();
                DeliveryBenchSupport.publish(producer, requests);
                publishNanos = System.nanoTime() - start;
                boolean all = measured.await(wait);
                assertThat(all)
                        .as(
                                "all %d deliveries reached the receiver within %s (%d did; delivery-service's log is"
                                        + " under system-tests/target/local-stack-logs)",
                                deliveries, wait, measured.arrived())
                        .isTrue();
                platformNanos = measured.doneNanos() - start;
                platformSteal = CpuTimes.now().stealPercentSince(cpuAtStart);
            }
            long platformGood = receiver.good();
            long badSignatures = receiver.bad();

            // the same receiver without the platform: the same kind of signed body, POSTed directly
            List<DeliveryRequested> rawWarm =
                    DeliveryBenchSupport.requests(endpoints, warmupRounds, "webhook-raw-warm", WebhookBench::message);
            RawRun warm = raw(receiver, rawWarm, inFlight, wait);
            assertThat(warm.all()).as("the raw warm-up arrived in full").isTrue();
            List<DeliveryRequested> rawRequests = DeliveryBenchSupport.requests(
                            endpoints,
                            (deliveries + endpointCount - 1) / endpointCount,
                            "webhook-raw",
                            WebhookBench::message)
                    .subList(0, deliveries);
            String rawQuiet = DeliveryBenchSupport.awaitQuiet();
            CpuTimes cpuAtRaw = CpuTimes.now();
            RawRun raw = raw(receiver, rawRequests, inFlight, wait);
            String rawSteal = CpuTimes.now().stealPercentSince(cpuAtRaw);
            assertThat(raw.all())
                    .as(
                            "all %d raw POSTs reached the receiver within %s (%d did, %d failed)",
                            deliveries, wait, raw.phase().arrived(), raw.failures())
                    .isTrue();

            System.out.printf(
                    Locale.ROOT,
                    "bench.webhook deliveries=%d seconds=%s raw_seconds=%s ratio=%.2f bad_signatures=%d%n",
                    deliveries,
                    seconds(platformNanos),
                    seconds(raw.nanos()),
                    (double) platformNanos / raw.nanos(),
                    badSignatures);
            System.out.printf(
                    Locale.ROOT,
                    "webhook-bench endpoints=%d warmup_rounds=%d publish_seconds=%s per_second=%.0f"
                            + " raw_per_second=%.0f platform_good=%d platform_duplicates=%d raw_in_flight=%d"
                            + " raw_failures=%d raw_bad=%d load1_start=%s load1=%s steal_pct=%s/%s"
                            + " quiet_wait_s=%s/%s%n",
                    endpointCount,
                    rounds,
                    seconds(publishNanos),
                    deliveries / (platformNanos / 1e9),
                    deliveries / (raw.nanos() / 1e9),
                    platformGood,
                    measured.duplicates(),
                    inFlight,
                    raw.failures(),
                    receiver.bad() - badSignatures,
                    loadAtStart,
                    DeliveryBenchSupport.loadAverage(),
                    platformSteal,
                    rawSteal,
                    platformQuiet,
                    rawQuiet);
        }
    }

    record RawRun(WebhookReceiver.Phase phase, boolean all, long nanos, long failures) {}

    /**
     * POSTs each request as delivery-service would (the same body and headers, signed here), at most
     * {@code inFlight} at once, and waits until the receiver has them all.
     */
    private static RawRun raw(WebhookReceiver receiver, List<DeliveryRequested> requests, int inFlight, Duration wait)
            throws Exception {
        Webhook signer = new Webhook(SECRET);
        Map<String, String> urls = new LinkedHashMap<>();
        AtomicLong failures = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            WebhookReceiver.Phase phase = receiver.expect(ids(requests));
            long start = System.nanoTime();
            long deadline = start + wait.toNanos();
            for (DeliveryRequested request : requests) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
                String url = urls.computeIfAbsent(request.endpointId(), id -> receiverUrl(receiver, id));
                String body = body(request);
                long timestamp = Instant.now().getEpochSecond();
                HttpRequest post = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", request.deliveryId())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", signer.sign(request.deliveryId(), timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                http.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 204) {
                        failures.incrementAndGet();
                    }
                    slots.release();
                });
            }
            long left = Math.max(0, deadline - System.nanoTime());
            boolean all = phase.await(Duration.ofNanos(left));
            return new RawRun(phase, all, all ? phase.doneNanos() - start : -1, failures.get());
        }
    }

    /** {@code ep-bench-webhook-<i>} receives at {@code /hook/<i>}. */
    private static String receiverUrl(WebhookReceiver receiver, String endpointId) {
        return receiver.url(Integer.parseInt(endpointId.substring(endpointId.lastIndexOf('-') + 1)));
    }

    /** The body delivery-service sends (its {@code WebhookPayload}): type, timestamp and data. */
    private static String body(DeliveryRequested request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveryId", request.deliveryId());
        data.put("notificationId", request.notificationId());
        data.put("organisationId", request.organisationId());
        data.put("lane", request.lane());
        data.put("subject", request.message().subject());
        data.put("text", request.message().text());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "alert.urgent");
        event.put("timestamp", request.requestedAt().toString());
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }

    private static Message message(int notification) {
        return new Message(
                "Benchmark: urgent alert " + notification,
                "A benchmark of webhook delivery: shelter in place until further notice.",
                null);
    }

    private static List<String> ids(List<DeliveryRequested> requests) {
        return requests.stream().map(DeliveryRequested::deliveryId).toList();
    }
}
