package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.schoolsafety.systemtests.bench.DeliveryBenchSupport.seconds;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.schoolsafety.systemtests.LocalStackProcess;

/**
 * {@code bench.alert}: how fast alert-service accepts an urgent alert, and how fast the platform gets it to
 * districts' webhooks. The whole platform runs from the local stack (optimising JIT; email and SMS adapters off).
 * {@code bench.endpoints} verified webhooks (default 10,000), subscribed to urgent alerts and dealt round-robin
 * over the schools of the seeded Missouri directory ({@link SchoolWebhooks}), are written to the
 * {@code directory} topic; a receiver in this JVM ({@link WebhookReceiver}) checks every signature. Every alert is
 * the pre-approved {@code lockdown} template, sent by the {@code state-broadcaster} client through the gateway in
 * one call that creates and issues it ({@link LockdownBroadcaster}): the break-glass path, which needs no second
 * person. Before it answers, alert-service checks the area against its view of the directory, stores the draft in
 * Redis, then issues it: a compare-and-set in Redis, the alert, its notification and the audit records of both
 * steps in one Kafka transaction, and two more writes to Redis. Subscription-service expands the notification to
 * one delivery request per endpoint; delivery-service signs and sends each webhook.
 *
 * <p>Until an alert to the schools of the last endpoint written to each {@code directory} partition reaches all
 * their endpoints (so subscription-service and delivery-service hold every endpoint), rounds of such alerts go; then
 * {@code bench.warmup-alerts} (500: with 100, the optimising compiler was still at work in the measured alerts;
 * it needs thousands of calls before the gateway's and alert-service's latency settles) discarded and
 * {@code bench.alerts} (50) measured alerts, each to one school (about five endpoints at 10,000), one at a time:
 * the next is sent once the receiver has every delivery of the last.
 * <ul>
 *   <li>{@code accept_p50_ms}, {@code accept_p99_ms}: the issuing call as the client sees it, from handing the
 *       request to the JDK {@code HttpClient} (connection kept alive) until the 201 answer was read; nearest rank,
 *       so with 50 alerts p99 is the slowest;
 *   <li>{@code first_delivery_p50_ms}: from the same start until the receiver got the first webhook of that
 *       alert (counted only if its {@code webhook-id} is one of the alert's delivery ids);
 *   <li>{@code endpoints}, {@code all_delivered_s}: then one statewide lockdown; from sending it until the receiver
 *       has seen every one of its delivery ids ({@code DeliveryIds.of("<alert id>-m1", endpoint)}, one per endpoint,
 *       duplicates not counted). Waits at most {@code bench.wait-minutes} (10), or until nothing new arrived for a
 *       minute; then {@code all_delivered_s=timeout} and {@code delivered} says how many did.
 * </ul>
 * Prints {@code bench.alert accept_p50_ms=<a> accept_p99_ms=<b> first_delivery_p50_ms=<c> endpoints=<n>
 * all_delivered_s=<d> delivered=<k>} and an informational {@code alert-bench ...} line (the statewide alert's own
 * accept and first delivery among them). Asserts only that every delivery arrived. The machine's load (2 cores,
 * the whole platform, the receiver, and whatever else runs) moves these figures: the info line gives it.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl system-tests -am verify -Dbench=alert}. Settings (system properties):
 * {@code bench.endpoints} (10000), {@code bench.alerts} (50), {@code bench.warmup-alerts} (500),
 * {@code bench.wait-minutes} for the statewide alert (10).
 */
@EnabledIfSystemProperty(named = "bench", matches = "alert")
class AlertBench {

    /** One school's alert: each delivery is to a local receiver, so a minute is far more than enough. */
    private static final Duration SCHOOL_ALERT_WAIT = Duration.ofSeconds(60);

    record Timed(double acceptMs, double firstDeliveryMs, int deliveries) {}

    /** The statewide alert: as sent, what the receiver saw of it, and whether all of it arrived. */
    record Statewide(LockdownBroadcaster.Sent sent, WebhookReceiver.Phase phase, boolean all) {

        long allNanos() {
            return phase.doneNanos() - sent.sentNanos();
        }
    }

    @Test
    void lockdownAcceptedAndDelivered() throws Exception {
        int endpointCount = Integer.getInteger("bench.endpoints", 10_000);
        int alerts = Integer.getInteger("bench.alerts", 50);
        int warmupAlerts = Integer.getInteger("bench.warmup-alerts", 500);
        Duration wait = Duration.ofMinutes(Integer.getInteger("bench.wait-minutes", 10));
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookBench.SECRET);
                LocalStackProcess stack = LocalStackProcess.start(
                        Duration.ofSeconds(300),
                        Map.of(
                                "SSN_SERVICE_JIT", "full",
                                "SSN_DELIVERY_EMAIL_ENABLED", "false",
                                "SSN_DELIVERY_SMS_ENABLED", "false"));
                LockdownBroadcaster broadcaster = new LockdownBroadcaster(stack)) {
            SchoolWebhooks webhooks =
                    SchoolWebhooks.write(stack.kafkaBootstrap(), receiver, WebhookBench.SECRET, endpointCount);
            int rounds = untilEveryViewHasTheEndpoints(broadcaster, receiver, webhooks);
            CpuTimes[] cpuAtMeasured = new CpuTimes[1];
            Timed[] timed = schoolAlerts(broadcaster, receiver, webhooks, warmupAlerts, alerts, cpuAtMeasured);
            String alertsSteal = CpuTimes.now().stealPercentSince(cpuAtMeasured[0]);

            String loadAtStart = DeliveryBenchSupport.loadAverage();
            CpuTimes cpuAtStatewide = CpuTimes.now();
            LockdownBroadcaster.Sent sent = broadcaster.statewideLockdown();
            WebhookReceiver.Phase phase = receiver.expect(webhooks.deliveryIds(sent.notificationId()));
            boolean all = phase.awaitUnlessStalled(wait, Duration.ofMinutes(1));
            Statewide statewide = new Statewide(sent, phase, all);
            String statewideSteal = CpuTimes.now().stealPercentSince(cpuAtStatewide);

            print(
                    timed,
                    statewide,
                    webhooks.size(),
                    String.format(
                            Locale.ROOT,
                            "warmup_alerts=%d readiness_rounds=%d bad_signatures=%d load1_start=%s load1=%s"
                                    + " steal_pct=%s/%s",
                            warmupAlerts,
                            rounds,
                            receiver.bad(),
                            loadAtStart,
                            DeliveryBenchSupport.loadAverage(),
                            alertsSteal,
                            statewideSteal));
            assertThat(all)
                    .as(
                            "the statewide alert %s reached all %d endpoints within %s (%d did; the services' logs"
                                    + " are under system-tests/target/local-stack-logs)",
                            sent.alertId(), webhooks.size(), wait, phase.arrived())
                    .isTrue();
        }
    }

    /**
     * {@code warmup} alerts, then {@code alerts} timed ones, each to one school, spread over the state; the machine's
     * CPU times when the timed ones begin go into {@code cpuAtMeasured[0]}.
     */
    private static Timed[] schoolAlerts(
            LockdownBroadcaster broadcaster,
            WebhookReceiver receiver,
            SchoolWebhooks webhooks,
            int warmup,
            int alerts,
            CpuTimes[] cpuAtMeasured)
            throws Exception {
        List<String> schools = webhooks.schools();
        int total = warmup + alerts;
        Timed[] timed = new Timed[alerts];
        cpuAtMeasured[0] = CpuTimes.now();
        for (int k = 0; k < total; k++) {
            if (k == warmup) {
                cpuAtMeasured[0] = CpuTimes.now();
            }
            String school = schools.get((int) ((long) k * schools.size() / total));
            Timed one = schoolAlert(broadcaster, receiver, webhooks, school);
            if (k >= warmup) {
                timed[k - warmup] = one;
            }
        }
        return timed;
    }

    /** The {@code bench.alert} line, and an informational line of what else was seen, {@code more} at its end. */
    private static void print(Timed[] timed, Statewide statewide, int endpoints, String more) {
        double[] accept = Arrays.stream(timed).mapToDouble(Timed::acceptMs).toArray();
        double[] first =
                Arrays.stream(timed).mapToDouble(Timed::firstDeliveryMs).toArray();
        WebhookReceiver.Phase phase = statewide.phase();
        System.out.printf(
                Locale.ROOT,
                "bench.alert accept_p50_ms=%.1f accept_p99_ms=%.1f first_delivery_p50_ms=%.1f endpoints=%d"
                        + " all_delivered_s=%s delivered=%d%n",
                percentile(accept, 50),
                percentile(accept, 99),
                percentile(first, 50),
                endpoints,
                statewide.all() ? seconds(statewide.allNanos()) : "timeout",
                phase.arrived());
        System.out.printf(
                Locale.ROOT,
                "alert-bench alerts=%d deliveries_per_alert=%.1f accept_min_ms=%.1f accept_max_ms=%.1f"
                        + " first_delivery_p99_ms=%.1f statewide_accept_ms=%.1f statewide_first_delivery_ms=%.1f"
                        + " statewide_per_second=%s statewide_duplicates=%d %s%n",
                timed.length,
                Arrays.stream(timed).mapToInt(Timed::deliveries).average().orElse(0),
                percentile(accept, 0),
                percentile(accept, 100),
                percentile(first, 99),
                statewide.sent().acceptMs(),
                phase.arrived() == 0
                        ? -1.0
                        : (phase.firstNanos() - statewide.sent().sentNanos()) / 1e6,
                statewide.all() ? String.format(Locale.ROOT, "%.0f", endpoints / (statewide.allNanos() / 1e9)) : "?",
                phase.duplicates(),
                more);
    }

    /**
     * Sends alerts to the schools of each partition's last endpoint until one reaches all their endpoints (the
     * directory is followed, not read once); how many it took. First waits until alert-service knows them.
     */
    private static int untilEveryViewHasTheEndpoints(
            LockdownBroadcaster broadcaster, WebhookReceiver receiver, SchoolWebhooks webhooks) throws Exception {
        List<String> schools = webhooks.lastWrittenSchools();
        await("alert-service's view of the directory has " + schools)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> broadcaster.draftStatus(schools) == 201);
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        int rounds = 0;
        boolean reached = false;
        WebhookReceiver.Phase phase = null;
        while (!reached && System.nanoTime() < deadline) {
            rounds++;
            LockdownBroadcaster.Sent sent = broadcaster.lockdown(schools);
            phase = receiver.expect(webhooks.deliveryIds(sent.notificationId(), schools));
            reached = phase.awaitUnlessStalled(Duration.ofSeconds(60), Duration.ofSeconds(15));
        }
        assertThat(reached)
                .as(
                        "an alert to %s reached all their endpoints within 240 s (the last reached %d of %d)",
                        schools, phase == null ? 0 : phase.arrived(), phase == null ? 0 : phase.expected())
                .isTrue();
        return rounds;
    }

    /** One lockdown for one school, timed; returns once the receiver has every delivery of it. */
    private static Timed schoolAlert(
            LockdownBroadcaster broadcaster, WebhookReceiver receiver, SchoolWebhooks webhooks, String school)
            throws Exception {
        LockdownBroadcaster.Sent sent = broadcaster.lockdown(List.of(school));
        WebhookReceiver.Phase phase = receiver.expect(webhooks.deliveryIds(sent.notificationId(), List.of(school)));
        assertThat(phase.await(SCHOOL_ALERT_WAIT))
                .as(
                        "alert %s to %s reached all %d endpoints within %s (%d did)",
                        sent.alertId(), school, phase.expected(), SCHOOL_ALERT_WAIT, phase.arrived())
                .isTrue();
        return new Timed(sent.acceptMs(), (phase.firstNanos() - sent.sentNanos()) / 1e6, phase.expected());
    }

    /** Nearest rank; 0 is the smallest. */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
