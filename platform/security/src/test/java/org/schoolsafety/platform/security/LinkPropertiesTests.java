package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class LinkPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({LinkProperties.class, WebhookTargets.class})
    static class Binding {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void linksAreTheBaseUrlAndAPathAndAllowedWebhookHostsAreCaseBlind() {
        runner.withPropertyValues(
                        "ssn.links.base-url=https://alerts.example.org/",
                        "ssn.links.signing-key=0123456789abcdef0123456789abcdef",
                        "ssn.webhooks.allowed-hosts=Sink.Local")
                .run(context -> {
                    assertThat(context.getBean(LinkProperties.class).link("/public/unsubscribe/t"))
                            .isEqualTo("https://alerts.example.org/public/unsubscribe/t");
                    assertThat(context.getBean(WebhookTargets.class).allowed("sink.local"))
                            .isTrue();
                    assertThat(context.getBean(WebhookTargets.class).allowed("other.local"))
                            .isFalse();
                });
    }

    @ParameterizedTest
    @CsvSource({
        "ssn.links.base-url=alerts.example.org, ssn.links.base-url",
        "ssn.links.base-url=ftp://alerts.example.org, ssn.links.base-url",
        "ssn.links.signing-key=too-short, ssn.links.signing-key"
    })
    void aWrongSettingStopsTheStartAndNamesTheProperty(String setting, String property) {
        runner.withPropertyValues(setting)
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(property));
    }
}
