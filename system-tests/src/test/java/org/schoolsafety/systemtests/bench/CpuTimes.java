package org.schoolsafety.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The machine's CPU time so far, as Linux counts it in {@code /proc/stat} (ticks over all cores), for the benchmarks'
 * informational lines: how much of a measured phase was <em>steal</em>, time the hypervisor gave to another guest
 * while this machine had work to run. On the virtual machines these benchmarks run on it came and went, up to a
 * quarter of the CPU for seconds at a time, and a phase that met it ran slower for reasons outside the platform.
 *
 * <p>It also tells when the machine has gone quiet ({@link #awaitQuiet}): a measured phase that starts while the
 * platform is still busy with the work before it (services reading the outcomes of a warm-up, a compiler finishing)
 * shares the cores with that work, and is measured slower than it is.
 *
 * @param total all ticks, or -1 where {@code /proc/stat} cannot be read
 * @param idle the idle and I/O-wait ticks among them
 * @param steal the steal ticks among them
 */
record CpuTimes(long total, long idle, long steal) {

    private static final Path STAT = Path.of("/proc/stat");

    static CpuTimes now() {
        try (var lines = Files.lines(STAT)) {
            String cpu = lines.findFirst().orElse("");
            return parse(cpu);
        } catch (IOException | RuntimeException e) {
            return new CpuTimes(-1, 0, 0);
        }
    }

    /** The aggregate line: {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}. */
    static CpuTimes parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 9 || !fields[0].equals("cpu")) {
            return new CpuTimes(-1, 0, 0);
        }
        long total = 0;
        // guest time is counted in user time already
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new CpuTimes(total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]), Long.parseLong(fields[8]));
    }

    /** The share of the CPU time since {@code earlier} that was neither idle nor waiting; -1 where unknown. */
    double busyPercentSince(CpuTimes earlier) {
        long ticks = total - earlier.total;
        if (total < 0 || earlier.total < 0 || ticks <= 0) {
            return -1;
        }
        return 100.0 * (ticks - (idle - earlier.idle)) / ticks;
    }

    /**
     * Waits until a whole {@code window} passes with the machine at most {@code maxBusyPercent} busy, or until
     * {@code limit} has passed; returns what it saw, for the benchmark's informational line: the seconds waited, and
     * {@code +} if the machine went quiet or {@code !} (with the last window's busy share) if it did not.
     */
    static String awaitQuiet(double maxBusyPercent, Duration window, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        double busy = -1;
        do {
            CpuTimes before = now();
            Thread.sleep(window.toMillis());
            busy = now().busyPercentSince(before);
            if (busy >= 0 && busy <= maxBusyPercent) {
                return String.format(Locale.ROOT, "%.1f+", (System.nanoTime() - start) / 1e9);
            }
        } while (busy >= 0 && System.nanoTime() < deadline);
        return String.format(Locale.ROOT, "%.1f!%.0f", (System.nanoTime() - start) / 1e9, busy);
    }

    /**
     * The largest steal share between two consecutive readings, one decimal; {@code ?} where unknown. A phase's
     * average steal hides a burst: 300 ms of one core taken in a 20-s phase on two cores is under 1% of it, yet it
     * stalls every request that core was serving.
     */
    static String peakStealPercent(List<CpuTimes> readings) {
        double peak = -1;
        for (int i = 1; i < readings.size(); i++) {
            CpuTimes earlier = readings.get(i - 1);
            CpuTimes later = readings.get(i);
            long ticks = later.total - earlier.total;
            if (earlier.total >= 0 && later.total >= 0 && ticks > 0) {
                peak = Math.max(peak, 100.0 * (later.steal - earlier.steal) / ticks);
            }
        }
        return peak < 0 ? "?" : String.format(Locale.ROOT, "%.1f", peak);
    }

    /**
     * Reads {@code /proc/stat} every {@code interval} on its own thread until closed, for {@link #peakStealPercent}.
     * Linux counts in ticks of 10 ms, so 100 ms over two cores is 20 ticks: a steal share in steps of 5%.
     */
    static final class Readings implements AutoCloseable {

        private final List<CpuTimes> readings = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService reader =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "cpu-times");
                    thread.setDaemon(true);
                    return thread;
                });

        Readings(Duration interval) {
            reader.scheduleAtFixedRate(
                    () -> readings.add(now()), 0, interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Stops reading; the readings so far. */
        List<CpuTimes> stop() {
            reader.shutdownNow();
            return List.copyOf(readings);
        }

        @Override
        public void close() {
            reader.shutdownNow();
        }
    }

    /** Steal as a percentage of the CPU time since {@code earlier}, one decimal; {@code ?} where unknown. */
    String stealPercentSince(CpuTimes earlier) {
        long ticks = total - earlier.total;
        if (total < 0 || earlier.total < 0 || ticks <= 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.1f", 100.0 * (steal - earlier.steal) / ticks);
    }
}
