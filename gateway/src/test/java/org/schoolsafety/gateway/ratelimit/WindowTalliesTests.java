package org.schoolsafety.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimate a gateway instance decides on, against a plain shared total standing in for the Redis key (the
 * gateway's integration test runs the same against real Redis).
 */
class WindowTalliesTests {

    /** One Redis key: every addition returns the total so far. */
    private long redisTotal;

    private long add(long requests) {
        redisTotal += requests;
        return redisTotal;
    }

    @Test
    void oneInstanceCountsExactlyWhatRedisWillSayWhetherOrNotItsAnswersAreIn() {
        WindowTallies tallies = new WindowTallies();
        List<long[]> answers = new ArrayList<>();
        for (int request = 1; request <= 10; request++) {
            long estimate = tallies.count("district-93", 7).estimate();
            assertThat(estimate).as("request %d", request).isEqualTo(request);
            if (request % 2 == 0) {
                // sent in batches
                long batch = tallies.takeUnsent("district-93", 7);
                answers.add(new long[] {add(batch), batch});
            }
            if (request % 3 == 0) {
                // answers arrive late and in bunches
                answers.forEach(answer -> tallies.answered("district-93", 7, answer[0], answer[1]));
                answers.clear();
            }
        }
    }

    @Test
    void requestsAreSentInBatchesEachStartedByItsFirstRequest() {
        WindowTallies tallies = new WindowTallies();
        assertThat(tallies.count("district-93", 7).startsBatch()).isTrue();
        assertThat(tallies.count("district-93", 7).startsBatch()).isFalse();
        assertThat(tallies.count("district-93", 7).startsBatch()).isFalse();
        assertThat(tallies.count("broadcaster", 7).startsBatch())
                .as("another client")
                .isTrue();

        assertThat(tallies.takeUnsent("district-93", 7)).isEqualTo(3);
        assertThat(tallies.takeUnsent("district-93", 7)).as("taken").isZero();

        assertThat(tallies.count("district-93", 7).startsBatch())
                .as("the next batch")
                .isTrue();
        assertThat(tallies.takeUnsent("district-93", 7)).isEqualTo(1);
        assertThat(tallies.takeUnsent("district-93", 8))
                .as("nothing counted there")
                .isZero();
    }

    @Test
    void aBatchOfAWindowThatHasGoneIsNotSent() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("district-93", 7);
        tallies.count("district-93", 7);

        tallies.count("district-93", 8);

        assertThat(tallies.takeUnsent("district-93", 7)).isZero();
        assertThat(tallies.takeUnsent("district-93", 8)).isEqualTo(1);
    }

    @Test
    void anotherInstancesRequestsCountOnceRedisHasAnsweredThisOne() {
        WindowTallies east = new WindowTallies();
        WindowTallies west = new WindowTallies();
        for (int i = 0; i < 4; i++) {
            west.count("flooder", 7);
        }
        add(west.takeUnsent("flooder", 7));

        assertThat(east.count("flooder", 7).estimate())
                .as("before east hears from Redis")
                .isEqualTo(1);
        east.answered("flooder", 7, add(east.takeUnsent("flooder", 7)), 1);

        assertThat(east.count("flooder", 7).estimate())
                .as("west's four, east's first and this one")
                .isEqualTo(6);
    }

    @Test
    void withRedisSilentTheInstancesOwnCountStillGrows() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 7);
        tallies.answered("flooder", 7, 3, 1);

        assertThat(tallies.count("flooder", 7).estimate()).isEqualTo(4);
        assertThat(tallies.count("flooder", 7).estimate()).isEqualTo(5);
        assertThat(tallies.count("flooder", 7).estimate()).isEqualTo(6);
    }

    @Test
    void eachClientAndEachWindowIsCountedApart() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 7);
        tallies.count("flooder", 7);

        assertThat(tallies.count("broadcaster", 7).estimate()).isEqualTo(1);
        assertThat(tallies.count("flooder", 8).estimate()).isEqualTo(1);
        // an answer for a window that has gone changes nothing
        tallies.answered("flooder", 7, 40, 2);
        assertThat(tallies.count("flooder", 8).estimate()).isEqualTo(2);
    }

    @Test
    void aLateRequestOfTheWindowBeforeDoesNotWipeTheCurrentOne() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 8);
        tallies.count("flooder", 8);

        tallies.count("flooder", 7);

        assertThat(tallies.count("flooder", 8).estimate()).isEqualTo(3);
    }
}
