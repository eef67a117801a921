package org.schoolsafety.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.schoolsafety.events.notification.Message;

class SmsTextTests {

    @Test
    void theSubjectLeadsOnItsOwnLine() {
        assertThat(SmsText.of(new Message("Lockdown at Lincoln High", "Shelter in place.", "<p>x</p>")))
                .isEqualTo("Lockdown at Lincoln High\nShelter in place.");
    }

    @Test
    void aTextThatStartsWithTheSubjectDoesNotRepeatIt() {
        assertThat(SmsText.of(new Message("Lockdown", "Lockdown at Lincoln High: shelter in place.", null)))
                .isEqualTo("Lockdown at Lincoln High: shelter in place.");
    }

    @Test
    void aBlankPartIsLeftOut() {
        assertThat(SmsText.of(new Message("  ", " Shelter in place. ", null))).isEqualTo("Shelter in place.");
        assertThat(SmsText.of(new Message("Lockdown", "", null))).isEqualTo("Lockdown");
    }

    @Test
    void theProducersOwnSmsRenditionIsSentAsItIs() {
        Message alert = new Message(
                "Lockdown at Lincoln High",
                "A long description that would not fit two segments.",
                null,
                null,
                "LOCKDOWN: Lincoln High. Details https://ssn.example/public/alerts/a-1");
        assertThat(SmsText.of(alert))
                .isEqualTo("LOCKDOWN: Lincoln High. Details https://ssn.example/public/alerts/a-1");
    }
}
