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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The SMS rate shared by the lanes, against a real Redis server: bulk takes at most its share of each second, an
 * urgent message goes at once while bulk takes all it may, and bulk takes nothing while an urgent message waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsRateLanesIT {

    private RedisServerProcess redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate template;

    @BeforeAll
    void start() {
        redis = RedisServerProcess.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
        template.hasKey("warm-up");
    }

    @AfterAll
    void stop() {
        connections.destroy();
        redis.close();
    }

    @Test
    void bulkTakesAtMostItsShareOfEachSecond() throws Exception {
        SmsRateLimiter limiter = new SmsRateLimiter(template, 10, 8, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SmsRateLimiter.Window>> taken = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                taken.add(pool.submit(() -> limiter.takeFor(Lane.BULK)));
            }
            Map<Long, Integer> perSecond = new TreeMap<>();
            for (Future<SmsRateLimiter.Window> each : taken) {
                SmsRateLimiter.Window window = each.get(20, TimeUnit.SECONDS);
                assertThat(window).as("granted within the wait").isNotNull();
                perSecond.merge(window.second(), 1, Integer::sum);
            }
            assertThat(perSecond.values()).as("bulk per second").allMatch(n -> n <= 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUrgentMessageGoesAtOnceWhileBulkTakesAllItMay() throws Exception {
        SmsRateLimiter limiter = new SmsRateLimiter(template, 10, 8, Duration.ofSeconds(2));
        AtomicBoolean saturating = new AtomicBoolean(true);
        ExecutorService bulk = Executors.newFixedThreadPool(4);
        List<Long> bulkGranted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                bulk.submit(() -> {
                    while (saturating.get()) {
                        SmsRateLimiter.Window window = limiter.takeFor(Lane.BULK);
                        if (window != null) {
                            bulkGranted.add(window.second());
                        }
                    }
                });
            }
            TimeUnit.MILLISECONDS.sleep(1_200); // bulk has had a whole window to fill
            for (int i = 0; i < 3; i++) {
                long began = System.nanoTime();
                SmsRateLimiter.Window urgent = limiter.takeFor(Lane.URGENT);
                Duration took = Duration.ofNanos(System.nanoTime() - began);
                assertThat(urgent).isNotNull();
                assertThat(took).as("urgent, bulk saturating its share").isLessThan(Duration.ofMillis(150));
                TimeUnit.MILLISECONDS.sleep(1_000);
            }
        } finally {
            saturating.set(false);
            bulk.shutdown();
            bulk.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(bulkGranted).as("bulk was saturating").hasSizeGreaterThan(16);
    }

    @Test
    void whileAnUrgentMessageWaitsBulkTakesNothing() {
        SmsRateLimiter limiter = new SmsRateLimiter(template, 10, 10, Duration.ZERO);
        template.opsForValue().set(SmsRateLimiter.URGENT_WAITING, "1", Duration.ofSeconds(5));
        try {
            assertThat(limiter.acquire(Lane.BULK)).isFalse();
            assertThat(limiter.acquire(Lane.URGENT)).isTrue();
        } finally {
            template.delete(SmsRateLimiter.URGENT_WAITING);
        }
        assertThat(limiter.acquire(Lane.BULK)).isTrue();
    }

    @Test
    void anUrgentMessageOverTheRateStopsBulkUntilItHasHadItsWindow() {
        SmsRateLimiter urgentOnly = new SmsRateLimiter(template, 1, 1, Duration.ZERO);
        // fill the window with urgent messages until one is refused: it waits (for a wait of 0, it gives up at once)
        boolean refused = false;
        for (int i = 0; i < 3 && !refused; i++) {
            refused = !urgentOnly.acquire(Lane.URGENT);
        }
        assertThat(refused).isTrue();
        assertThat(template.hasKey(SmsRateLimiter.URGENT_WAITING)).isTrue();
        assertThat(urgentOnly.acquire(Lane.BULK)).isFalse();
    }
}
