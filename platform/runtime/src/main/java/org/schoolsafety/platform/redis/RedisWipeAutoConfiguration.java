package org.schoolsafety.platform.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Every service with a Redis watches it for a wipe ({@link RedisWipeWatch}). */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnBean(StringRedisTemplate.class)
@EnableConfigurationProperties(RedisWipeProperties.class)
public class RedisWipeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisWipeWatch redisWipeWatch(
            StringRedisTemplate redis,
            ApplicationEventPublisher events,
            Environment environment,
            RedisWipeProperties properties) {
        return new RedisWipeWatch(
                redis, events, environment.getProperty("spring.application.name", "service"), properties.wipeCheck());
    }
}
