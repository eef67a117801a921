package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.delivery.email.EmailMessagesTests.SESSION;
import static org.schoolsafety.delivery.email.EmailMessagesTests.TO;
import static org.schoolsafety.delivery.email.EmailMessagesTests.html;
import static org.schoolsafety.delivery.email.EmailMessagesTests.messages;
import static org.schoolsafety.delivery.email.EmailMessagesTests.roundTrip;
import static org.schoolsafety.delivery.email.EmailMessagesTests.text;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;

/** A bulletin's email greets each recipient's organisation by name, in the subject, the text and the HTML. */
class PersonalisedEmailTests {

    private final EmailMessages messages = messages("https://alerts.schoolsafety.example");

    @Test
    void theOrganisationsNameFillsTheSubjectTextAndHtml() throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, bulletin("Columbia Public Schools"), TO));

        assertThat(parsed.getSubject()).isEqualTo("This week at Columbia Public Schools");
        assertThat(text(parsed)).startsWith("Dear Columbia Public Schools,").doesNotContain(Message.ORGANISATION_NAME);
        assertThat(html(parsed))
                .startsWith("<p>Dear <b>Columbia Public Schools</b>,</p>")
                .doesNotContain(Message.ORGANISATION_NAME);
    }

    @Test
    void inHtmlTheNameIsEscaped() throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, bulletin("Smith & Jones <Academy>"), TO));

        assertThat(html(parsed)).startsWith("<p>Dear <b>Smith &amp; Jones &lt;Academy&gt;</b>,</p>");
        assertThat(text(parsed)).startsWith("Dear Smith & Jones <Academy>,");
        assertThat(parsed.getSubject()).isEqualTo("This week at Smith & Jones <Academy>");
    }

    @Test
    void aNameWithALineBreakCannotAddAHeader() throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, bulletin("Evil\r\nBcc: everyone@example.com"), TO));

        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getSubject()).isEqualTo("This week at Evil Bcc: everyone@example.com");
    }

    @Test
    void withoutANameItSaysYourSchool() throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, bulletin(null), TO));

        assertThat(parsed.getSubject()).isEqualTo("This week at your school");
        assertThat(text(parsed)).startsWith("Dear your school,");
    }

    @Test
    void eachRecipientKeepsItsOwnUnsubscribeLink() throws Exception {
        MimeMessage one = roundTrip(messages.build(SESSION, bulletin("One School", "ep-1"), TO));
        MimeMessage two = roundTrip(messages.build(SESSION, bulletin("Two School", "ep-2"), TO));

        assertThat(one.getHeader("List-Unsubscribe")[0]).isNotEqualTo(two.getHeader("List-Unsubscribe")[0]);
        assertThat(text(one)).contains("One School").doesNotContain("Two School");
    }

    static DeliveryRequested bulletin(String organisationName) {
        return bulletin(organisationName, "ep-1");
    }

    static DeliveryRequested bulletin(String organisationName, String endpointId) {
        return new DeliveryRequested(
                DeliveryIds.of("n-bulletin", endpointId),
                "n-bulletin",
                endpointId,
                "mo-district-columbia-93",
                Channel.EMAIL,
                "principal@district.example",
                Lane.BULK,
                Feed.WEEKLY_BULLETIN,
                new Message(
                        "This week at " + Message.ORGANISATION_NAME,
                        "Dear " + Message.ORGANISATION_NAME + ",\n\nThis week's update.",
                        "<p>Dear <b>" + Message.ORGANISATION_NAME + "</b>,</p><p>This week's update.</p>"),
                EmailMessagesTests.CLOCK.instant(),
                organisationName,
                DeliveryWindow.DEFAULT);
    }
}
