package org.schoolsafety.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;

class SmsDeliveriesTests {

    @Test
    void withoutAProviderEveryAttemptFailsAsWorthRetrying() {
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
        // nothing else is touched when there is no provider
        SmsDeliveries sms = new SmsDeliveries(none, null, null, null, null, null, null);
        Instant now = Instant.now();
        DeliveryRequested request = new DeliveryRequested(
                "d-1",
                "n-1",
                "ep-1",
                "org-1",
                Channel.SMS,
                "+15550000001",
                Lane.URGENT,
                Feed.URGENT_ALERTS,
                new Message("Lockdown", "Shelter in place.", null),
                now);
        EndpointChanged endpoint = new EndpointChanged(
                "ep-1",
                "org-1",
                Channel.SMS,
                "+15550000001",
                null,
                null,
                List.of(),
                List.of(Feed.URGENT_ALERTS),
                false,
                null,
                true,
                false,
                false,
                now);
        for (int i = 0; i < 2; i++) {
            assertThat(sms.send(request, endpoint)).isEqualTo(Attempt.retry("no SMS provider configured", null, false));
        }
        assertThat(sms.channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void theTextNamesTheRecipientsOrganisationOrYourSchool() {
        SmsDeliveries sms = new SmsDeliveries(null, null, null, null, null, null, null);
        assertThat(sms.text(bulletin("Columbia Public Schools")))
                .isEqualTo("Weekly update for Columbia Public Schools: https://x.example/b-1");
        assertThat(sms.text(bulletin(null))).isEqualTo("Weekly update for your school: https://x.example/b-1");
    }

    private static DeliveryRequested bulletin(String organisationName) {
        return new DeliveryRequested(
                "d-2",
                "n-2",
                "ep-1",
                "org-1",
                Channel.SMS,
                "+15550000001",
                Lane.BULK,
                Feed.WEEKLY_BULLETIN,
                new Message(
                        "Weekly update",
                        "This week.",
                        null,
                        null,
                        "Weekly update for " + Message.ORGANISATION_NAME + ": https://x.example/b-1"),
                Instant.now(),
                organisationName,
                null);
    }
}
