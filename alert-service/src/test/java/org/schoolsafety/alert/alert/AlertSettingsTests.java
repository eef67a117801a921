package org.schoolsafety.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** alert-service's settings: their defaults, and a wrong value stopping the start with the property's name. */
class AlertSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertSettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void everySettingHasItsDefault() {
        context.run(started -> {
            AlertSettings properties = started.getBean(AlertSettings.class);
            assertThat(properties.sender()).isEqualTo("alerts@schoolsafety.example");
            assertThat(properties.identifierPrefix()).isEqualTo("MO-SSN");
            assertThat(properties.approvalAbove()).isEqualTo(50);
            assertThat(properties.republishAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.republishEvery()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.templates()).isEmpty();
            assertThat(properties.escalation().enabled()).isTrue();
            assertThat(properties.escalation().schoolAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.escalation().districtAfter()).isEqualTo(Duration.ofMinutes(20));
            assertThat(properties.escalation().every()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '=',
            value = {
                "ssn.alert.sender=' '",
                "ssn.alert.identifier-prefix=''",
                "ssn.alert.approval-above=-1",
                "ssn.alert.approval-above=many",
                "ssn.alert.republish-after=0s",
                "ssn.alert.republish-every=-2s",
                "ssn.alert.escalation.enabled=perhaps",
                "ssn.alert.escalation.school-after=soon",
                "ssn.alert.escalation.district-after=0m",
                "ssn.alert.escalation.every=-15s"
            })
    void aWrongValueStopsTheStartNamingTheProperty(String property, String value) {
        context.withPropertyValues(property + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = started.getStartupFailure(); cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertThat(messages).as("why the start failed").contains(property);
        });
    }
}
