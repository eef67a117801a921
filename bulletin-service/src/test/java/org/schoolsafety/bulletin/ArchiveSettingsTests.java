package org.schoolsafety.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The archive's settings ({@code ssn.bulletin.archive}): their defaults, and a wrong value stopping the start. */
class ArchiveSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BulletinSettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void everyArchiveSettingHasItsDefault() {
        context.run(started -> {
            ArchiveSettings archive = started.getBean(BulletinSettings.class).archive();
            assertThat(archive.feedEntries()).isEqualTo(20);
            assertThat(archive.calendarLookback()).isEqualTo(Duration.ofDays(30));
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '=',
            value = {
                "ssn.bulletin.archive.feed-entries=0",
                "ssn.bulletin.archive.feed-entries=many",
                "ssn.bulletin.archive.calendar-lookback=-1d",
                "ssn.bulletin.archive.calendar-lookback=a month"
            })
    void aWrongValueStopsTheStartNamingTheProperty(String property, String value) {
        context.withPropertyValues(property + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = started.getStartupFailure(); cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(property);
        });
    }
}
