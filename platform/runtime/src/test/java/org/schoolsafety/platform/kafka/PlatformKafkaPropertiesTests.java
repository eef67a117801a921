package org.schoolsafety.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PlatformKafkaPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PlatformKafkaProperties.class)
    static class Binding {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void theDefaultsSuitOneBroker() {
        runner.run(context -> {
            PlatformKafkaProperties properties = context.getBean(PlatformKafkaProperties.class);
            assertThat(properties.replicationFactor()).isEqualTo(1);
            assertThat(properties.minInsyncReplicas()).isEqualTo(1);
            assertThat(properties.retries()).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "ssn.kafka.replication-factor=0, ssn.kafka.replication-factor",
        "ssn.kafka.min-insync-replicas=0, ssn.kafka.min-insync-replicas",
        "ssn.kafka.min-insync-replicas=2, ssn.kafka.min-insync-replicas",
        "ssn.kafka.retries=-1, ssn.kafka.retries",
        "ssn.kafka.retry-backoff=0s, ssn.kafka.retry-backoff",
        "ssn.kafka.retry-backoff=-1s, ssn.kafka.retry-backoff"
    })
    void aWrongSettingStopsTheStartAndNamesTheProperty(String setting, String property) {
        runner.withPropertyValues(setting)
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(property));
    }
}
