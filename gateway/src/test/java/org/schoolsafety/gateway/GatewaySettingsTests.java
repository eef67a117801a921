package org.schoolsafety.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The gateway's settings: their defaults, and a wrong value stops the start naming its property. */
class GatewaySettingsTests {

    /** Not a {@code @Configuration}: the gateway's own component scan must not find it in its integration tests. */
    @EnableConfigurationProperties(GatewaySettings.class)
    static class Settings {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaults() {
        context.run(started -> {
            GatewaySettings properties = started.getBean(GatewaySettings.class);
            assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(properties.consoleOrigins()).containsExactly("http://localhost:5173");
            assertThat(properties.rateLimit())
                    .isEqualTo(new GatewaySettings.RateLimit(
                            50, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(50)));
            assertThat(properties.services())
                    .isEqualTo(new GatewaySettings.Services(
                            URI.create("http://127.0.0.1:8081"),
                            URI.create("http://127.0.0.1:8082"),
                            URI.create("http://127.0.0.1:8083"),
                            URI.create("http://127.0.0.1:8084"),
                            URI.create("http://127.0.0.1:8085")));
        });
    }

    @Test
    void bindsTheNamesTheLocalStackAndTheTestsSet() {
        context.withPropertyValues(
                        "ssn.gateway.services.cyber-threat=http://cyber-threat-service:8084",
                        "ssn.gateway.rate-limit.requests-per-second=5",
                        "ssn.gateway.max-request-size=2MB",
                        "ssn.gateway.console-origins=https://console.example,https://other.example")
                .run(started -> {
                    GatewaySettings properties = started.getBean(GatewaySettings.class);
                    assertThat(properties.services().cyberThreat())
                            .isEqualTo(URI.create("http://cyber-threat-service:8084"));
                    assertThat(properties.rateLimit().requestsPerSecond()).isEqualTo(5);
                    assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(properties.consoleOrigins())
                            .isEqualTo(List.of("https://console.example", "https://other.example"));
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ssn.gateway.rate-limit.requests-per-second | 0 | rateLimit.requestsPerSecond",
                "ssn.gateway.rate-limit.requests-per-second | -5 | rateLimit.requestsPerSecond",
                "ssn.gateway.rate-limit.redis-timeout | 0s | ssn.gateway.rate-limit.redis-timeout",
                "ssn.gateway.rate-limit.redis-retry | -1s | ssn.gateway.rate-limit.redis-retry",
                "ssn.gateway.rate-limit.share-every | 600ms | ssn.gateway.rate-limit.share-every",
                "ssn.gateway.rate-limit.share-every | -1ms | ssn.gateway.rate-limit.share-every",
                "ssn.gateway.max-request-size | 0B | ssn.gateway.max-request-size",
                "ssn.gateway.services.alert | http://bad host:8081 | ssn.gateway.services.alert",
                "ssn.gateway.services.delivery | delivery-service:8085 | ssn.gateway.services.delivery",
                "ssn.gateway.services.cyber-threat | ftp://cyber-threat-service | ssn.gateway.services.cyber-threat",
                "ssn.gateway.services.bulletin | /bulletins | ssn.gateway.services.bulletin"
            })
    void aWrongValueStopsTheStartNamingItsProperty(String property, String value, String named) {
        context.withPropertyValues(property + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            // a Jakarta constraint's error names the prefix and the field path, the other checks the property
            assertThat(messages(started.getStartupFailure())).contains("ssn.gateway", named);
        });
    }

    /** The messages of a failure and all its causes, as the start's log shows them. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
