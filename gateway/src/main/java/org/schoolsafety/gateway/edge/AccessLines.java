package org.schoolsafety.gateway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The access log's lines, written by a thread of their own, so that an output that blocks (a busy disk, a
 * writer preempted while it holds the appender's lock) does not stall every event loop that finishes a request:
 * the event loop only hands the line over.
 *
 * <p>Why hand-written: Logback's {@code AsyncAppender} needs a logging file the tests' {@code logback-test.xml}
 * replaces, and drops INFO lines when its queue is 80% full.
 *
 * <p>Nothing is dropped: when {@code capacity} lines are waiting (output stalled for that long), handing over waits
 * too, as writing did before. {@link #close} writes what is still waiting.
 */
final class AccessLines implements AutoCloseable {

    /** One request's line; {@code traceId} and {@code spanId} are null when the request had no span. */
    record Line(
            String method, String path, String outcome, long millis, String client, String traceId, String spanId) {}

    private static final Line END = new Line("", "", "", 0, "", null, null);

    private final BlockingQueue<Line> waiting;
    private final Consumer<Line> output;
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param capacity lines that may wait for the output before handing one over waits as well
     * @param output writes one line; runs on the writer thread only, one line at a time, in the order handed over
     */
    AccessLines(int capacity, Consumer<Line> output) {
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.output = output;
        this.writer = Thread.ofPlatform().name("access-log").daemon().start(this::write);
    }

    /** Hands a line to the writer thread; waits only while {@code capacity} lines are already waiting. */
    void add(Line line) {
        if (closed) {
            output.accept(line);
            return;
        }
        if (waiting.offer(line)) {
            return;
        }
        try {
            waiting.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.accept(line);
        }
    }

    private void write() {
        List<Line> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch);
            boolean end = false;
            for (Line line : batch) {
                if (line == END) {
                    // a line handed over while closing can follow the end mark: it is written too
                    end = true;
                    continue;
                }
                try {
                    output.accept(line);
                } catch (RuntimeException e) {
                    // a line the output refused must not end the writer and with it every later line
                }
            }
            if (end) {
                return;
            }
            batch.clear();
        }
    }

    /** Writes every line handed over so far, waiting at most {@code limit} for the output, then ends the writer. */
    void close(Duration limit) {
        closed = true;
        try {
            if (waiting.offer(END, limit.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.join(limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        // a line handed over while closing, after the end mark: written here rather than never
        List<Line> rest = new ArrayList<>();
        waiting.drainTo(rest);
        rest.stream().filter(line -> line != END).forEach(output);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
