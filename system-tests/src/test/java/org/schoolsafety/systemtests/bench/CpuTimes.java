package org.schoolsafety.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Steal as a percentage of the CPU time since {@code earlier}, one decimal; {@code ?} where unknown. */
    String stealPercentSince(CpuTimes earlier) {
        long ticks = total - earlier.total;
        if (total < 0 || earlier.total < 0 || ticks <= 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.1f", 100.0 * (steal - earlier.steal) / ticks);
    }
}
