package org.schoolsafety.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.DeliveryMetrics.Outcome;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;

/** The delivery meters: each attempt, latency and dead letter lands on the meter of its own channel, lane and outcome. */
class DeliveryMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    @Test
    void attemptsAreCountedByChannelLaneAndOutcome() {
        metrics.attempt(Channel.WEBHOOK, Lane.URGENT, Outcome.SUCCEEDED, Duration.ofMillis(12));
        metrics.attempt(Channel.WEBHOOK, Lane.URGENT, Outcome.SUCCEEDED, Duration.ofMillis(30));
        metrics.attempt(Channel.WEBHOOK, Lane.URGENT, Outcome.RETRYING, null);
        metrics.attempt(Channel.EMAIL, Lane.BULK, Outcome.FAILED, Duration.ofMillis(5));

        assertThat(attempts("webhook", "urgent", "succeeded")).isEqualTo(2);
        assertThat(attempts("webhook", "urgent", "retrying")).isEqualTo(1);
        assertThat(attempts("email", "bulk", "failed")).isEqualTo(1);
        assertThat(registry.find("ssn.delivery.attempts")
                        .tags("channel", "webhook", "lane", "bulk")
                        .counter())
                .as("no meter for what never happened")
                .isNull();

        var webhookUrgent = registry.get("ssn.delivery.latency")
                .tags("channel", "webhook", "lane", "urgent")
                .timer();
        assertThat(webhookUrgent.count())
                .as("a retrying attempt without a call time is not timed")
                .isEqualTo(2);
        assertThat(webhookUrgent.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(42);
        assertThat(registry.get("ssn.delivery.latency")
                        .tags("channel", "email", "lane", "bulk")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void deadLettersAndCallsUnderWayAreCountedPerChannel() {
        metrics.deadLetter(Channel.SMS, Lane.URGENT);
        metrics.deadLetter(Channel.SMS, Lane.URGENT);
        assertThat(registry.get("ssn.delivery.dead.letters")
                        .tags("channel", "sms", "lane", "urgent")
                        .counter()
                        .count())
                .isEqualTo(2);

        DeliveryMetrics.Call first = metrics.call(Channel.WEBHOOK);
        DeliveryMetrics.Call second = metrics.call(Channel.WEBHOOK);
        assertThat(inFlight("webhook")).isEqualTo(2);
        assertThat(inFlight("email")).isZero();
        first.close();
        second.close();
        assertThat(inFlight("webhook")).isZero();
    }

    @Test
    void attemptsCountedOnManyThreadsAtOnceAreAllCounted() throws Exception {
        int threads = 8;
        int each = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        metrics.attempt(Channel.WEBHOOK, Lane.BULK, Outcome.SUCCEEDED, Duration.ofMillis(1));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(attempts("webhook", "bulk", "succeeded")).isEqualTo(threads * each);
        assertThat(registry.get("ssn.delivery.latency")
                        .tags("channel", "webhook", "lane", "bulk")
                        .timer()
                        .count())
                .isEqualTo(threads * each);
    }

    private double attempts(String channel, String lane, String outcome) {
        return registry.get("ssn.delivery.attempts")
                .tags("channel", channel, "lane", lane, "outcome", outcome)
                .counter()
                .count();
    }

    private double inFlight(String channel) {
        return registry.get("ssn.delivery.in.flight")
                .tags("channel", channel)
                .gauge()
                .value();
    }
}
