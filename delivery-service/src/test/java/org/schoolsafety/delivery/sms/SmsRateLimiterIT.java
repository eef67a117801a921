package org.schoolsafety.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.testing.net.Ports;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared SMS rate against a real Redis server: messages at limit L take their turns one window after the
 * other, two instances sharing Redis together stay within L per second, a refusal does not wait past the
 * configured wait, and with Redis gone each instance limits itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsRateLimiterIT {

    private RedisServerProcess redis;
    private final List<LettuceConnectionFactory> connections = new ArrayList<>();

    @BeforeAll
    void start() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    void stop() {
        connections.forEach(LettuceConnectionFactory::destroy);
        redis.close();
    }

    /** A template of its own, as another instance of the service would have. */
    private StringRedisTemplate template(int port) {
        RedisStandaloneConfiguration where = new RedisStandaloneConfiguration("127.0.0.1", port);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(where);
        factory.afterPropertiesSet();
        factory.start();
        connections.add(factory);
        StringRedisTemplate template = new StringRedisTemplate(factory);
        if (port == redis.port()) {
            template.hasKey("warm-up"); // connect now, not within the timed part
        }
        return template;
    }

    @Test
    void thirtyMessagesAtTenPerSecondTakeThreeWindowsOfTen() throws Exception {
        SmsRateLimiter limiter = new SmsRateLimiter(template(redis.port()), 10, Duration.ofSeconds(5));
        long began = System.nanoTime();
        List<SmsRateLimiter.Window> windows = takeConcurrently(List.of(limiter), 4, 30);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(windows).hasSize(30).allMatch(SmsRateLimiter.Window::shared);
        Map<Long, Integer> perSecond = perSecond(windows);
        assertThat(perSecond.values()).containsExactly(10, 10, 10);
        assertThat(perSecond.keySet())
                .as("consecutive seconds")
                .containsExactly(first(perSecond), first(perSecond) + 1, first(perSecond) + 2);
        // the first window may be nearly over when the test starts: N/L - 1 < took, and no idling beyond N/L
        assertThat(took).isGreaterThan(Duration.ofSeconds(1)).isLessThan(Duration.ofMillis(3_500));
        System.out.printf("SMS rate: 30 messages at 10/s took %d ms%n", took.toMillis());
    }

    @Test
    void twoInstancesSharingRedisTogetherStayWithinTheLimit() throws Exception {
        SmsRateLimiter one = new SmsRateLimiter(template(redis.port()), 10, Duration.ofSeconds(5));
        SmsRateLimiter two = new SmsRateLimiter(template(redis.port()), 10, Duration.ofSeconds(5));
        long began = System.nanoTime();
        List<SmsRateLimiter.Window> windows = takeConcurrently(List.of(one, two), 4, 20);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(windows).hasSize(40);
        Map<Long, Integer> perSecond = perSecond(windows);
        assertThat(perSecond.values()).as("per second, both instances together").allMatch(n -> n <= 10);
        // four windows of ten, or the first window partly gone when the test starts and a fifth for the rest;
        // the windows between the first and the last are used to the full
        assertThat(perSecond).hasSizeBetween(4, 5);
        List<Integer> counts = List.copyOf(perSecond.values());
        assertThat(counts.subList(1, counts.size() - 1)).allMatch(n -> n == 10);
        assertThat(took).isGreaterThan(Duration.ofSeconds(2)).isLessThan(Duration.ofMillis(5_500));
        System.out.printf("SMS rate: 2 instances x 20 messages at 10/s took %d ms%n", took.toMillis());
    }

    @Test
    void overTheLimitAnAttemptIsRefusedWithoutWaitingLongerThanAllowed() {
        StringRedisTemplate template = template(redis.port());
        new SmsRateLimiter(template, 1_000, Duration.ZERO).acquire(); // the script's first run, not timed
        SmsRateLimiter limiter = new SmsRateLimiter(template, 1, Duration.ZERO);
        long began = System.nanoTime();
        int granted = 0;
        for (int i = 0; i < 5; i++) {
            granted += limiter.acquire() ? 1 : 0;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        // five calls within a few milliseconds cross at most one window boundary
        assertThat(granted).isBetween(0, 2);
        assertThat(took).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void withRedisUnreachableEachInstanceLimitsItselfAndStillLetsMessagesThrough() throws Exception {
        SmsRateLimiter limiter = new SmsRateLimiter(template(Ports.free()), 10, Duration.ofSeconds(5));
        List<SmsRateLimiter.Window> windows = takeConcurrently(List.of(limiter), 2, 15);
        assertThat(windows).hasSize(15).noneMatch(SmsRateLimiter.Window::shared);
        assertThat(perSecond(windows).values()).allMatch(n -> n <= 10);
        assertThat(perSecond(windows)).hasSize(2);
    }

    /** {@code each} acquisitions through each limiter, from {@code threads} threads per limiter. */
    private static List<SmsRateLimiter.Window> takeConcurrently(List<SmsRateLimiter> limiters, int threads, int each)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads * limiters.size());
        try {
            List<Future<SmsRateLimiter.Window>> taken = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                for (SmsRateLimiter limiter : limiters) {
                    taken.add(pool.submit(limiter::take));
                }
            }
            List<SmsRateLimiter.Window> windows = new ArrayList<>();
            for (Future<SmsRateLimiter.Window> window : taken) {
                SmsRateLimiter.Window got = window.get(20, TimeUnit.SECONDS);
                assertThat(got).as("granted within the wait").isNotNull();
                windows.add(got);
            }
            return windows;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Long, Integer> perSecond(List<SmsRateLimiter.Window> windows) {
        Map<Long, Integer> counts = new TreeMap<>();
        windows.forEach(w -> counts.merge(w.second(), 1, Integer::sum));
        return counts;
    }

    private static long first(Map<Long, Integer> perSecond) {
        return perSecond.keySet().iterator().next();
    }
}
