package org.schoolsafety.events.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.schoolsafety.events.vocabulary.Channel;

class MessageTests {

    private final Message alert = new Message(
            "Lockdown", "Lock all doors now.", "<p>Lock all doors now.</p>", "<alert/>", "LOCKDOWN {acknowledge}");

    @Test
    void eachChannelKeepsWhatItsAdapterReadsAndNothingElse() {
        assertThat(alert.renditionFor(Channel.EMAIL))
                .isEqualTo(new Message("Lockdown", "Lock all doors now.", "<p>Lock all doors now.</p>", null, null));
        assertThat(alert.renditionFor(Channel.SMS))
                .isEqualTo(new Message("Lockdown", "Lock all doors now.", null, null, "LOCKDOWN {acknowledge}"));
        assertThat(alert.renditionFor(Channel.WEBHOOK))
                .isEqualTo(new Message("Lockdown", "Lock all doors now.", null, "<alert/>", null));
    }

    @Test
    void aMessageWithNothingToDropIsItsOwnRendition() {
        Message plain = new Message("Weekly update", "Text only.", null);
        for (Channel channel : Channel.values()) {
            assertThat(plain.renditionFor(channel)).isSameAs(plain);
        }
        Message email = alert.renditionFor(Channel.EMAIL);
        assertThat(email.renditionFor(Channel.EMAIL)).isSameAs(email);
    }
}
