package org.schoolsafety.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformRedisAutoConfigurationTests {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

    @Test
    void lettuceRecordsNoCommandLatenciesUnderThePlatform() {
        contexts.withConfiguration(AutoConfigurations.of(PlatformRedisAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(ClientResources.class)
                                .commandLatencyRecorder()
                                .isEnabled())
                        .isFalse());
    }

    /** What the platform turns off: on by default, because Micrometer brings HdrHistogram and LatencyUtils. */
    @Test
    void withoutThePlatformLettuceWouldRecordThem() {
        contexts.run(context -> assertThat(context.getBean(ClientResources.class)
                        .commandLatencyRecorder()
                        .isEnabled())
                .isTrue());
    }
}
