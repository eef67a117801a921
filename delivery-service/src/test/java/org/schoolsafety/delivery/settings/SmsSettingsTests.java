package org.schoolsafety.delivery.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmsSettingsTests {

    @Test
    void withoutABaseUrlNoProviderIsConfiguredAndNothingElseIsRequired() {
        SmsSettings none = new SmsSettings(
                true,
                2,
                2,
                null,
                null,
                null,
                null,
                null,
                null,
                4,
                10,
                80,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofDays(7));
        assertThat(none.configured()).isFalse();
    }

    @Test
    void aBaseUrlNeedsTheAccountTheTokenAndASender() {
        URI base = URI.create("https://api.example.test");
        assertThatThrownBy(() -> new SmsSettings(
                        true,
                        2,
                        2,
                        base,
                        "AC1",
                        null,
                        "+15005550006",
                        null,
                        null,
                        4,
                        10,
                        80,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        Duration.ofDays(7)))
                .hasMessageContaining("auth-token");
        assertThatThrownBy(() -> new SmsSettings(
                        true,
                        2,
                        2,
                        base,
                        "AC1",
                        "t",
                        null,
                        " ",
                        null,
                        4,
                        10,
                        80,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        Duration.ofDays(7)))
                .hasMessageContaining("ssn.delivery.sms.from");
    }

    @Test
    void timeoutsAreAtMostFifteenSecondsAndTheTokenIsNeverPrinted() {
        URI base = URI.create("https://api.example.test");
        assertThatThrownBy(() -> new SmsSettings(
                        true,
                        2,
                        2,
                        base,
                        "AC1",
                        "t",
                        "+1",
                        null,
                        null,
                        4,
                        10,
                        80,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(16),
                        Duration.ofDays(7)))
                .hasMessageContaining("15 s");
        SmsSettings set = new SmsSettings(
                true,
                2,
                2,
                base,
                "AC1",
                "very-secret-token",
                "+15005550006",
                null,
                null,
                4,
                10,
                80,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofDays(7));
        assertThat(set.toString()).doesNotContain("very-secret-token", "+15005550006");
    }
}
