package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading steal time from {@code /proc/stat}'s aggregate line. */
class CpuTimesTests {

    @Test
    void stealIsItsShareOfAllTicksBetweenTwoReadings() {
        CpuTimes before = CpuTimes.parse("cpu  6150947 268 763776 2582979 25005 0 75323 133402 0 0");
        // 150 user, 50 system, 600 idle, 200 steal: 1,000 ticks
        CpuTimes after = CpuTimes.parse("cpu  6151097 268 763826 2583579 25005 0 75323 133602 0 0");
        assertThat(after.stealPercentSince(before)).isEqualTo("20.0");
        assertThat(before.stealPercentSince(before)).as("no time passed").isEqualTo("?");
    }

    @Test
    void busyIsWhatWasNeitherIdleNorWaiting() {
        CpuTimes before = CpuTimes.parse("cpu  6150947 268 763776 2582979 25005 0 75323 133402 0 0");
        // 150 user, 50 system, 500 idle, 100 I/O wait, 200 steal: 1,000 ticks, 400 of them busy
        CpuTimes after = CpuTimes.parse("cpu  6151097 268 763826 2583479 25105 0 75323 133602 0 0");
        assertThat(after.busyPercentSince(before)).isEqualTo(40.0);
        assertThat(before.busyPercentSince(before)).as("no time passed").isEqualTo(-1);
        assertThat(after.busyPercentSince(CpuTimes.parse("intr 1 2 3"))).isEqualTo(-1);
    }

    @Test
    void aBurstOfStealShowsInItsOwnReadingNotInTheAverage() {
        List<CpuTimes> readings = List.of(
                CpuTimes.parse("cpu  1000 0 0 1000 0 0 0 0 0 0"),
                // 20 ticks: 5 user, 15 idle
                CpuTimes.parse("cpu  1005 0 0 1015 0 0 0 0 0 0"),
                // 20 ticks: 2 user, 6 idle, 12 steal
                CpuTimes.parse("cpu  1007 0 0 1021 0 0 0 12 0 0"),
                CpuTimes.parse("intr 1 2 3"),
                // 20 ticks: 4 user, 15 idle, 1 steal
                CpuTimes.parse("cpu  1011 0 0 1036 0 0 0 13 0 0"));
        assertThat(CpuTimes.peakStealPercent(readings)).isEqualTo("60.0");
        assertThat(readings.getLast().stealPercentSince(readings.getFirst()))
                .as("the average")
                .isEqualTo("21.7");
        assertThat(CpuTimes.peakStealPercent(List.of(readings.getFirst()))).isEqualTo("?");
    }

    @Test
    void anUnreadableLineIsUnknownNotZero() {
        CpuTimes unknown = CpuTimes.parse("intr 1 2 3");
        CpuTimes known = CpuTimes.parse("cpu  1 0 1 1 0 0 0 0 0 0");
        assertThat(known.stealPercentSince(unknown)).isEqualTo("?");
        assertThat(unknown.stealPercentSince(known)).isEqualTo("?");
    }
}
