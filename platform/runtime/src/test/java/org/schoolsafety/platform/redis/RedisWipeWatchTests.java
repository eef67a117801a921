package org.schoolsafety.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisWipeWatchTests {

    @Test
    void aFlushedRedisIsNoticedOnceAndAnUntouchedOneNever() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            LettuceConnectionFactory factory =
                    new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
            factory.afterPropertiesSet();
            factory.start();
            StringRedisTemplate redis = new StringRedisTemplate(factory);
            List<Object> events = new CopyOnWriteArrayList<>();
            RedisWipeWatch watch = new RedisWipeWatch(redis, events::add, "test-service", Duration.ofMillis(50));
            watch.start();
            try {
                assertThat(watch.isRunning()).isTrue();
                assertThat(redis.hasKey("ssn:generation:test-service")).isTrue();
                Thread.sleep(300); // several looks at an untouched Redis
                assertThat(events).isEmpty();

                redis.execute((RedisCallback<Void>) connection -> {
                    connection.serverCommands().flushAll();
                    return null;
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
                assertThat(events.getFirst()).isInstanceOf(RedisWiped.class);
                Thread.sleep(300);
                assertThat(events).as("one wipe, one event").hasSize(1);
            } finally {
                watch.stop();
                factory.destroy();
            }
            assertThat(watch.isRunning()).isFalse();
        }
    }
}
