package org.schoolsafety.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The authoring and publication settings of {@code ssn.bulletin}: their defaults, and a wrong value stopping the
 * start with the property's name.
 */
class AuthoringAndPublicationSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BulletinSettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void everySettingHasItsDefault() {
        context.run(started -> {
            BulletinSettings settings = started.getBean(BulletinSettings.class);
            assertThat(settings.authoring().maxBulletinSize()).isEqualTo(DataSize.ofKilobytes(256));
            assertThat(settings.authoring().maxSections()).isEqualTo(20);
            assertThat(settings.publication().pollEvery()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.publication().claimFor()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '=',
            value = {
                "ssn.bulletin.authoring.max-bulletin-size=0B",
                "ssn.bulletin.authoring.max-bulletin-size=lots",
                "ssn.bulletin.authoring.max-sections=0",
                "ssn.bulletin.authoring.max-sections=many",
                "ssn.bulletin.publication.poll-every=0s",
                "ssn.bulletin.publication.poll-every=often",
                "ssn.bulletin.publication.claim-for=-1m"
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
