package org.schoolsafety.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.settings.Isolation;

/** The per-endpoint cap, circuit breaker and Retry-After hold, without Kafka. */
class EndpointGateTests {

    private final EndpointGate gate = new EndpointGate(new Isolation(
            2, Duration.ofMillis(250), 3, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(400)));

    @Test
    void oneEndpointGetsAtMostItsCapOfCallsAndOthersAreNotAffected() {
        assertThat(gate.enter("a")).isNull();
        assertThat(gate.enter("a")).isNull();
        assertThat(gate.enter("a")).isEqualTo("endpoint busy (2 calls in flight)");
        assertThat(gate.enter("b")).as("another endpoint").isNull();
        gate.leave("a", Attempt.succeeded("200"));
        assertThat(gate.enter("a")).isNull();
    }

    @Test
    void failuresInARowOpenTheCircuitThenOneProbeClosesItAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(gate.enter("a")).isNull();
            gate.leave("a", Attempt.retry("HTTP 503", null, true));
        }
        assertThat(gate.enter("a")).isEqualTo("circuit open after 3 failures in a row");
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.enter("a") == null); // the probe
        assertThat(gate.enter("a")).as("one probe at a time").isEqualTo("circuit half-open, probe under way");
        gate.leave("a", Attempt.succeeded("200"));
        assertThat(gate.enter("a")).as("closed").isNull();
        assertThat(gate.enter("a")).isNull();
    }

    @Test
    void aFailedProbeOpensTheCircuitAgainAndPermanentAnswersDoNotCount() {
        for (int i = 0; i < 3; i++) {
            gate.enter("a");
            gate.leave("a", Attempt.retry("no answer", null, false));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.enter("a") == null);
        gate.leave("a", Attempt.retry("HTTP 500", null, true));
        assertThat(gate.enter("a")).startsWith("circuit open");

        gate.enter("b");
        gate.leave("b", Attempt.permanent("HTTP 404", true));
        gate.enter("b");
        gate.leave("b", Attempt.permanent("HTTP 404", true));
        gate.enter("b");
        gate.leave("b", Attempt.permanent("HTTP 404", true));
        assertThat(gate.enter("b")).as("a receiver that answers is not broken").isNull();
    }

    @Test
    void aRetryAfterHoldsTheEndpointBackUpToTheConfiguredMost() {
        gate.enter("a");
        gate.leave("a", Attempt.retry("HTTP 429", Duration.ofHours(1), true));
        assertThat(gate.enter("a")).isEqualTo("receiver asked to wait (Retry-After)");
        long began = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.enter("a") == null);
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .as("capped at 1 s, not the hour asked for")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void failuresThatLastAreReportedOnceAndASuccessStartsAfresh() {
        long began = System.currentTimeMillis();
        java.util.List<java.time.Instant> reports = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            if (gate.enter("a") == null) {
                java.time.Instant since = gate.leave("a", Attempt.retry("no answer", null, false));
                if (since != null) {
                    reports.add(since);
                }
            }
            return System.currentTimeMillis() - began > 1_500;
        });
        assertThat(reports).as("reported once, however long it goes on").hasSize(1);
        assertThat(reports.getFirst().toEpochMilli()).isBetween(began, began + 200);

        await().atMost(Duration.ofSeconds(5)).until(() -> gate.enter("a") == null);
        assertThat(gate.leave("a", Attempt.succeeded("200"))).isNull();
        gate.enter("a");
        assertThat(gate.leave("a", Attempt.retry("HTTP 500", null, true)))
                .as("a new run of failures starts its own clock")
                .isNull();
    }

    @Test
    void aDetachedCallMakesTheEndpointSlowUntilItEnds() {
        gate.enter("a");
        gate.detached("a");
        assertThat(gate.slow("a")).isTrue();
        assertThat(gate.slow("b")).isFalse();
        gate.leave("a", Attempt.succeeded("200"));
        gate.reattached("a");
        assertThat(gate.slow("a")).isFalse();
    }
}
