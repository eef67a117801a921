package org.schoolsafety.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.schoolsafety.gateway.GatewaySettings;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /**
     * Opens the Redis connection and loads the counting script before the first request, so the first
     * client is not counted per instance just because connecting took longer than the count may.
     */
    @Bean
    ApplicationRunner rateLimitWarmUp(ReactiveStringRedisTemplate redis) {
        return args -> new RedisWindowCounter(redis)
                .add("warm-up", 0, 1)
                .timeout(Duration.ofSeconds(5))
                .onErrorResume(error -> {
                    LoggerFactory.getLogger(RateLimitConfiguration.class)
                            .warn("Redis not reachable at start; rate limits counted per instance until it is");
                    return Mono.empty();
                })
                .block();
    }

    @Bean
    ClientRateLimiter clientRateLimiter(
            ReactiveStringRedisTemplate redis, GatewaySettings properties, MeterRegistry meters) {
        return new ClientRateLimiter(new RedisWindowCounter(redis), properties.rateLimit(), Clock.systemUTC(), meters);
    }
}
