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
 * recorded into histograms that Lettuce only publishes as an event on its own bus, which nothing here reads.
 * The spans and timers around the callers (HTTP requests, listeners) still show when Redis is slow.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({CommandLatencyRecorder.class, ClientResourcesBuilderCustomizer.class})
public class PlatformRedisAutoConfiguration {

    @Bean
    ClientResourcesBuilderCustomizer noCommandLatencyRecorder() {
        return resources -> resources.commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }
}
