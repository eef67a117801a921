package org.schoolsafety.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The access log's writer thread: the event loop hands lines over and goes on; none is lost or reordered. */
class AccessLinesTests {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final List<Long> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch outputFree = new CountDownLatch(1);
    private final CountDownLatch outputEntered = new CountDownLatch(1);

    /** An output that hangs, as a write to a stalled disk does, until {@link #outputFree} is counted down. */
    private void stalledOutput(AccessLines.Line line) {
        outputEntered.countDown();
        try {
            if (!outputFree.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("output never freed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        written.add(line.millis());
    }

    private static AccessLines.Line line(long n) {
        return new AccessLines.Line("GET", "/api/alerts/" + n, "200", n, "client", null, null);
    }

    @Test
    void handingOverDoesNotWaitForAStalledOutputAndTheLinesFollowInOrderOnceItMovesAgain() throws Exception {
        AccessLines lines = new AccessLines(100, this::stalledOutput);
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                lines.add(line(0));
                assertThat(outputEntered.await(LIMIT.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                // the writer hangs in its first line; 99 more are handed over regardless
                IntStream.range(1, 100).forEach(n -> lines.add(line(n)));
            });
            assertThat(written).isEmpty();

            outputFree.countDown();
        } finally {
            lines.close(LIMIT);
        }
        assertThat(written).containsExactlyElementsOf(numbers(0, 100));
    }

    @Test
    void withCapacityFullHandingOverWaitsForTheOutputRatherThanDroppingALine() throws Exception {
        AccessLines lines = new AccessLines(2, this::stalledOutput);
        Thread third;
        try {
            lines.add(line(0));
            assertThat(outputEntered.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            lines.add(line(1));
            lines.add(line(2));
            // two wait, one is being written: the next waits for room
            third = Thread.ofPlatform().start(() -> lines.add(line(3)));
            third.join(300);
            assertThat(third.isAlive())
                    .as("handing over with capacity full waits")
                    .isTrue();

            outputFree.countDown();
            third.join(LIMIT);
            assertThat(third.isAlive()).isFalse();
        } finally {
            lines.close(LIMIT);
        }
        assertThat(written).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void closingWritesWhatIsStillWaitingAndLaterLinesAreWrittenDirectly() {
        List<Long> direct = new CopyOnWriteArrayList<>();
        AccessLines lines = new AccessLines(100, line -> direct.add(line.millis()));
        IntStream.range(0, 50).forEach(n -> lines.add(line(n)));

        lines.close(LIMIT);
        assertThat(direct).containsExactlyElementsOf(numbers(0, 50));

        lines.add(line(50));
        assertThat(direct).hasSize(51).endsWith(50L);
    }

    private static List<Long> numbers(int from, int to) {
        return java.util.stream.LongStream.range(from, to).boxed().toList();
    }
}
