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

    /** One Redis key: every increment returns the total so far. */
    private long redisTotal;

    private long increment() {
        return ++redisTotal;
    }

    @Test
    void oneInstanceCountsExactlyWhatRedisWillSayWhetherOrNotItsAnswersAreIn() {
        WindowTallies tallies = new WindowTallies();
        List<Long> answers = new ArrayList<>();
        for (int request = 1; request <= 10; request++) {
            long estimate = tallies.count("district-93", 7);
            long total = increment();
            assertThat(estimate).as("request %d", request).isEqualTo(total);
            answers.add(total);
            if (request % 3 == 0) {
                // answers arrive late and in bunches
                answers.forEach(answer -> tallies.answered("district-93", 7, answer));
                answers.clear();
            }
        }
    }

    @Test
    void anotherInstancesRequestsCountOnceRedisHasAnsweredThisOne() {
        WindowTallies east = new WindowTallies();
        WindowTallies west = new WindowTallies();
        for (int i = 0; i < 4; i++) {
            west.count("flooder", 7);
            increment();
        }

        assertThat(east.count("flooder", 7)).as("before east hears from Redis").isEqualTo(1);
        east.answered("flooder", 7, increment());

        assertThat(east.count("flooder", 7))
                .as("west's four, east's first and this one")
                .isEqualTo(6);
    }

    @Test
    void withRedisSilentTheInstancesOwnCountStillGrows() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 7);
        tallies.answered("flooder", 7, 3);

        assertThat(tallies.count("flooder", 7)).isEqualTo(4);
        assertThat(tallies.count("flooder", 7)).isEqualTo(5);
        assertThat(tallies.count("flooder", 7)).isEqualTo(6);
    }

    @Test
    void eachClientAndEachWindowIsCountedApart() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 7);
        tallies.count("flooder", 7);

        assertThat(tallies.count("broadcaster", 7)).isEqualTo(1);
        assertThat(tallies.count("flooder", 8)).isEqualTo(1);
        // an answer for a window that has gone changes nothing
        tallies.answered("flooder", 7, 40);
        assertThat(tallies.count("flooder", 8)).isEqualTo(2);
    }

    @Test
    void aLateRequestOfTheWindowBeforeDoesNotWipeTheCurrentOne() {
        WindowTallies tallies = new WindowTallies();
        tallies.count("flooder", 8);
        tallies.count("flooder", 8);

        tallies.count("flooder", 7);

        assertThat(tallies.count("flooder", 8)).isEqualTo(3);
    }
}
