package org.schoolsafety.platform.redis;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Redis (Lettuce) wiring of every service that uses it.
 *
 * <p>No command latency recorder. Lettuce turns its own on whenever HdrHistogram and LatencyUtils are on the
 * class path (Micrometer brings both): every command is then wrapped in a timing object and its latency is
 * recorded into histograms that Lettuce only ever publishes as an event on its own bus, every ten minutes,
 * which nothing here reads. In a profile of the gateway under bench.gateway those wrappers were the second
 * largest allocation, for one rate-limit command per request. The spans and timers around the callers
 * (HTTP requests, listeners) still show when Redis is slow.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({CommandLatencyRecorder.class, ClientResourcesBuilderCustomizer.class})
public class PlatformRedisAutoConfiguration {

    @Bean
    ClientResourcesBuilderCustomizer noCommandLatencyRecorder() {
        return resources -> resources.commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }
}
