package org.schoolsafety.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The settings bind with their defaults, and a wrong value stops the service at start, naming the property. */
class SubscriptionSettingsTests {

    @EnableConfigurationProperties(SubscriptionSettings.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsStandWhenNothingIsSet() {
        runner.run(context -> {
            SubscriptionSettings settings = context.getBean(SubscriptionSettings.class);
            assertThat(settings.directory().seed()).isEqualTo(SubscriptionSettings.Seed.MO);
            assertThat(settings.sms().helpContact()).isEqualTo("your school district office");
            assertThat(settings.deliveryWindow().window()).isEqualTo(DeliveryWindow.DEFAULT);
        });
    }

    @Test
    void theDefaultDeliveryWindowIsSettable() {
        runner.withPropertyValues(
                        "ssn.subscription.delivery-window.opens=07:30",
                        "ssn.subscription.delivery-window.closes=17:00",
                        "ssn.subscription.delivery-window.zone=America/Denver")
                .run(context -> assertThat(context.getBean(SubscriptionSettings.class)
                                .deliveryWindow()
                                .window())
                        .isEqualTo(new DeliveryWindow(LocalTime.of(7, 30), LocalTime.of(17, 0), "America/Denver")));
    }

    @Test
    void aWrongDeliveryWindowStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("ssn.subscription.delivery-window.opens=7am")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message ->
                                assertThat(message).contains("ssn.subscription").contains("deliveryWindow.opens")));
        runner.withPropertyValues("ssn.subscription.delivery-window.closes=24:00")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message ->
                                assertThat(message).contains("ssn.subscription").contains("deliveryWindow.closes")));
        runner.withPropertyValues("ssn.subscription.delivery-window.zone=Missouri/Columbia")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message).contains("ssn.subscription.delivery-window.zone")));
    }

    @Test
    void theSeedIsNamedInAnyCase() {
        runner.withPropertyValues(
                        "ssn.subscription.directory.seed=none", "ssn.subscription.sms.help-contact=the state office")
                .run(context -> {
                    SubscriptionSettings settings = context.getBean(SubscriptionSettings.class);
                    assertThat(settings.directory().seed()).isEqualTo(SubscriptionSettings.Seed.NONE);
                    assertThat(settings.sms().helpContact()).isEqualTo("the state office");
                });
    }

    @Test
    void anUnknownSeedStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("ssn.subscription.directory.seed=missouri")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message).contains("ssn.subscription.directory.seed")));
    }

    @Test
    void aBlankHelpContactStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("ssn.subscription.sms.help-contact= ")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .anySatisfy(message -> assertThat(message)
                                .contains("ssn.subscription.sms")
                                .contains("helpContact")));
    }

    private static List<String> messages(Throwable failure) {
        assertThat(failure).as("a failed start").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
