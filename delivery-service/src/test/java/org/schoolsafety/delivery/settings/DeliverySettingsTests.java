package org.schoolsafety.delivery.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** The defaults bind as documented, and a wrong setting stops the start with a message that names it. */
class DeliverySettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DeliverySettings.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void withNothingSetEveryDefaultApplies() {
        context.run(started -> {
            DeliverySettings settings = started.getBean(DeliverySettings.class);
            assertThat(settings.urgent())
                    .isEqualTo(
                            new UrgentLane(6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(250)));
            assertThat(settings.bulk())
                    .isEqualTo(new BulkLane(6, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(5)));
            assertThat(settings.retryConsumers()).isEqualTo(1);
            assertThat(settings.quietFetchMaxWait()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.directoryWait()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.webhooks().enabled()).isTrue();
            assertThat(settings.webhooks().urgentConsumers()).isEqualTo(4);
            assertThat(settings.webhooks().bulkConsumers()).isEqualTo(2);
            assertThat(settings.webhooks().underWayPerLane()).isEqualTo(64);
            assertThat(settings.webhooks().maxPerHost()).isEqualTo(64);
            assertThat(settings.email().urgentConsumers()).isEqualTo(2);
            assertThat(settings.email().bulkConsumers()).isEqualTo(2);
            assertThat(settings.email().connections()).isEqualTo(4);
            assertThat(settings.sms().urgentConsumers()).isEqualTo(2);
            assertThat(settings.sms().configured()).isFalse();
            assertThat(settings.isolation().maxInFlight()).isEqualTo(4);
            assertThat(settings.isolation().detachAfter()).isEqualTo(Duration.ofMillis(250));
            assertThat(settings.email().reservedForUrgent()).isEqualTo(1);
            assertThat(settings.email().bulkConnections()).isEqualTo(3);
            assertThat(settings.sms().bulkShare()).isEqualTo(80);
            assertThat(settings.sms().bulkMessagesPerSecond()).isEqualTo(8);
            assertThat(settings.quietHours())
                    .isEqualTo(new QuietHours(true, Duration.ofSeconds(10), 500, Duration.ofMinutes(2)));
        });
    }

    @Test
    void bulkSmsGetsAtLeastOneMessageASecond() {
        context.withPropertyValues("ssn.delivery.sms.messages-per-second=1", "ssn.delivery.sms.bulk-share=50")
                .run(started -> assertThat(
                                started.getBean(DeliverySettings.class).sms().bulkMessagesPerSecond())
                        .isEqualTo(1));
    }

    @Test
    void aBareNumberOfADelayIsMilliseconds() {
        context.withPropertyValues("ssn.delivery.urgent.first-retry=200", "ssn.delivery.urgent.jitter=0")
                .run(started -> {
                    UrgentLane urgent = started.getBean(DeliverySettings.class).urgent();
                    assertThat(urgent.firstRetry()).isEqualTo(Duration.ofMillis(200));
                    assertThat(urgent.jitter()).isZero();
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ssn.delivery.urgent.attempts=-1          | ssn.delivery.urgent.attempts",
                "ssn.delivery.bulk.attempts=0             | ssn.delivery.bulk.attempts",
                "ssn.delivery.urgent.first-retry=0s       | ssn.delivery.urgent.first-retry",
                "ssn.delivery.bulk.max-retry=1s           | ssn.delivery.bulk.max-retry",
                "ssn.delivery.urgent.jitter=-1s           | ssn.delivery.urgent.jitter",
                "ssn.delivery.retry-consumers=0           | ssn.delivery.retry-consumers",
                "ssn.delivery.webhooks.urgent-consumers=0 | ssn.delivery.webhooks.urgent-consumers",
                "ssn.delivery.webhooks.total-timeout=0s   | ssn.delivery.webhooks.total-timeout",
                "ssn.delivery.isolation.max-in-flight=-2  | ssn.delivery.isolation.max-in-flight",
                "ssn.delivery.isolation.detach-after=0ms  | ssn.delivery.isolation.detach-after",
                "ssn.delivery.email.connections=0         | ssn.delivery.email.connections",
                "ssn.delivery.sms.messages-per-second=0   | ssn.delivery.sms.messages-per-second",
                "ssn.delivery.sms.base-url=not a url      | ssn.delivery.sms.base-url",
                "ssn.delivery.sms.base-url=api.example    | ssn.delivery.sms.base-url",
                "ssn.delivery.sms.base-url=ftp://x.test   | ssn.delivery.sms.base-url",
                "ssn.delivery.sms.callback-base-url=/cb   | ssn.delivery.sms.callback-base-url",
                "ssn.delivery.quiet-fetch-max-wait=0s     | ssn.delivery.quiet-fetch-max-wait",
                "ssn.delivery.email.reserved-for-urgent=4 | ssn.delivery.email.reserved-for-urgent",
                "ssn.delivery.email.reserved-for-urgent=-1 | ssn.delivery.email.reserved-for-urgent",
                "ssn.delivery.sms.bulk-share=0            | ssn.delivery.sms.bulk-share",
                "ssn.delivery.sms.bulk-share=101          | ssn.delivery.sms.bulk-share",
                "ssn.delivery.quiet-hours.release-every=0s | ssn.delivery.quiet-hours.release-every",
                "ssn.delivery.quiet-hours.release-batch=0 | ssn.delivery.quiet-hours.release-batch",
                "ssn.delivery.quiet-hours.claim-for=-1s   | ssn.delivery.quiet-hours.claim-for"
            })
    void aWrongSettingStopsTheStartAndNamesTheProperty(String setting, String property) {
        context.withPropertyValues(setting).run(started -> {
            assertThat(started.getStartupFailure()).as(setting).isNotNull();
            assertThat(told(started.getStartupFailure())).as(setting).contains(property);
        });
    }

    /**
     * What the start's failure tells: its messages, and for a Jakarta constraint the property as Spring Boot's
     * failure analysis names it ({@code Property: ssn.delivery.…}).
     */
    private static String told(Throwable failure) {
        StringBuilder told = new StringBuilder();
        for (Throwable each = failure; each != null; each = each.getCause()) {
            told.append(each.getMessage()).append('\n');
            if (each instanceof BindValidationException invalid) {
                ValidationErrors errors = invalid.getValidationErrors();
                for (ObjectError error : errors.getAllErrors()) {
                    if (error instanceof FieldError field) {
                        told.append("Property: ")
                                .append(errors.getName().append(DataObjectPropertyName.toDashedForm(field.getField())))
                                .append('\n');
                    }
                }
            }
        }
        return told.toString();
    }
}
