package org.schoolsafety.alert.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.schoolsafety.events.notification.Message;

class SmsFitTests {

    private static final String PAGE = "https://alerts.example.test/public/alerts/ham4vrma9t9n";
    private static final int ACK = "https://alerts.example.test/public/acknowledgements/".length() + 103;

    @Test
    void aGsm7HeadlineGetsTheRecipientsAcknowledgementLink() {
        assertThat(SmsFit.withAcknowledgement("LOCKDOWN: Lincoln High", PAGE, ACK))
                .isEqualTo("LOCKDOWN: Lincoln High Acknowledge: " + Message.ACKNOWLEDGE_LINK);
    }

    @Test
    void aLongHeadlineIsCutSoThatTheFilledLinkStillFitsTwoSegments() {
        String sms = SmsFit.withAcknowledgement("Tornado warning for Boone County ".repeat(10), PAGE, ACK);
        assertThat(sms).contains("...").endsWith(" Acknowledge: " + Message.ACKNOWLEDGE_LINK);
        assertThat(sms.length() - Message.ACKNOWLEDGE_LINK.length() + ACK).isEqualTo(SmsFit.GSM7_TWO_SEGMENTS);
    }

    @Test
    void aHeadlineOutsideGsm7GetsThePageLinkWithinTwoUcs2Segments() {
        String sms = SmsFit.withAcknowledgement("Tornado “warning” for Boone County schools — shelter now", PAGE, ACK);
        assertThat(sms).doesNotContain(Message.ACKNOWLEDGE_LINK).endsWith(" " + PAGE);
        assertThat(sms.length()).isLessThanOrEqualTo(SmsFit.UCS2_TWO_SEGMENTS);
    }

    @Test
    void gsm7EscapesAndBackticksCountAsOutsideThePlainAlphabet() {
        assertThat(SmsFit.plainGsm7("Shelter in place now, @ 10:15 (room 4) & wait!"))
                .isTrue();
        assertThat(SmsFit.plainGsm7("Use door [B]")).isFalse();
        assertThat(SmsFit.plainGsm7("`code`")).isFalse();
        assertThat(SmsFit.plainGsm7("Café")).isFalse();
    }
}
