package org.schoolsafety.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code ssn.bulletin.assembly}: its defaults, values as written, and a wrong value stopping the start. */
class AssemblySettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BulletinSettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void everySettingHasItsDefault() {
        context.run(started -> {
            AssemblySettings assembly = started.getBean(BulletinSettings.class).assembly();
            assertThat(assembly.enabled()).isTrue();
            assertThat(assembly.day()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(assembly.time()).isEqualTo(LocalTime.of(6, 0));
            assertThat(assembly.pollEvery()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void valuesAreTakenAsWritten() {
        context.withPropertyValues(
                        "ssn.bulletin.assembly.enabled=false",
                        "ssn.bulletin.assembly.day=friday",
                        "ssn.bulletin.assembly.time=14:30",
                        "ssn.bulletin.assembly.poll-every=30s")
                .run(started -> {
                    AssemblySettings assembly =
                            started.getBean(BulletinSettings.class).assembly();
                    assertThat(assembly.enabled()).isFalse();
                    assertThat(assembly.day()).isEqualTo(DayOfWeek.FRIDAY);
                    assertThat(assembly.time()).isEqualTo(LocalTime.of(14, 30));
                    assertThat(assembly.pollEvery()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '=',
            value = {
                "ssn.bulletin.assembly.enabled=sometimes",
                "ssn.bulletin.assembly.day=FUNDAY",
                "ssn.bulletin.assembly.time=25:00",
                "ssn.bulletin.assembly.time=six",
                "ssn.bulletin.assembly.poll-every=0s",
                "ssn.bulletin.assembly.poll-every=often"
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
