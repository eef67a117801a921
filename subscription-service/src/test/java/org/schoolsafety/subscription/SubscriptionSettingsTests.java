package org.schoolsafety.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        });
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
