package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.mail.MailStreams;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;

/**
 * The MIME message of an email delivery, parsed back from its bytes as a mail client would: the parts, the
 * {@code Message-ID}, the one-click headers and only where a school may unsubscribe, links whose tokens verify,
 * escaping of what we add, and a subject that cannot add a header.
 */
class EmailMessagesTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:15:30Z"), ZoneOffset.UTC);
    static final SignedLinks SIGNED_LINKS =
            new SignedLinks("a-test-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), CLOCK);
    static final EmailSettings PROPERTIES = new EmailSettings(
            true,
            2,
            2,
            "Missouri School Safety Alerts <alerts@schoolsafety.example>",
            4,
            1,
            java.time.Duration.ofSeconds(10),
            java.time.Duration.ofSeconds(30));
    static final Session SESSION = Session.getInstance(new Properties());
    static final Pattern HEADER_LINK = Pattern.compile("^<(https?://[^>]+)>$");

    private final EmailMessages messages = messages("https://alerts.schoolsafety.example");

    @Test
    void aMessageIsMultipartAlternativeWithTextAndHtmlFromTheConfiguredSender() throws Exception {
        MimeMessage parsed = roundTrip(messages.build(
                SESSION, request(Feed.URGENT_ALERTS, "Lockdown", "Shelter in place.", "<p>Shelter in place.</p>"), TO));

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType())
                .startsWith("text/plain")
                .containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContentType())
                .startsWith("text/html")
                .containsIgnoringCase("utf-8");
        assertThat(text(parsed)).startsWith("Shelter in place.");
        assertThat(html(parsed)).startsWith("<p>Shelter in place.</p>");
        assertThat(parsed.getFrom())
                .containsExactly(new InternetAddress(
                        "alerts@schoolsafety.example", "Missouri School Safety Alerts", StandardCharsets.UTF_8.name()));
        assertThat(parsed.getRecipients(RecipientType.TO)).containsExactly(TO);
        assertThat(parsed.getSubject()).isEqualTo("Lockdown");
        assertThat(parsed.getSentDate()).isEqualTo(java.util.Date.from(CLOCK.instant()));
        assertThat(parsed.getHeader("Date")).containsExactly("Tue, 4 Mar 2025 10:15:30 +0000");
    }

    @Test
    void theMessageIdIsTheDeliveryIdAtTheSendersDomainOnEveryAttempt() throws Exception {
        DeliveryRequested request = request(Feed.WEEKLY_BULLETIN, "Bulletin", "This week.", null);
        MimeMessage first = messages.build(SESSION, request, TO);
        MimeMessage retry = messages.build(SESSION, request, TO);
        retry.saveChanges(); // as Transport.send would: the id survives

        String expected = "<" + request.deliveryId() + "@schoolsafety.example>";
        assertThat(roundTrip(first).getMessageID()).isEqualTo(expected);
        assertThat(roundTrip(retry).getMessageID()).isEqualTo(expected);
        assertThat(roundTrip(messages.build(SESSION, request(Feed.WEEKLY_BULLETIN, "Other", "x", null, "n-2"), TO))
                        .getMessageID())
                .isNotEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(
            value = Feed.class,
            names = {"WEEKLY_BULLETIN", "CYBER_ADVISORIES"})
    void bulletinsAndAdvisoriesOfferOneClickUnsubscribeWithATokenForTheEndpointAndFeed(Feed feed) throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, request(feed, "News", "Read this.", null), TO));

        assertThat(parsed.getHeader("List-Unsubscribe")).hasSize(1);
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        Matcher link = HEADER_LINK.matcher(parsed.getHeader("List-Unsubscribe")[0]);
        assertThat(link.matches()).as("one HTTPS URI in angle brackets").isTrue();
        String url = link.group(1);
        assertThat(url).startsWith("https://alerts.schoolsafety.example/public/unsubscribe/");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(SIGNED_LINKS.verify("unsubscribe", token)).isEqualTo("ep-1:" + feed.name());

        assertThat(text(parsed)).contains("Unsubscribe: " + url);
        assertThat(html(parsed)).contains("<a href=\"" + url + "\">Unsubscribe</a>");
        assertThat(text(parsed) + html(parsed)).doesNotContain("Acknowledge");
    }

    @ParameterizedTest
    @EnumSource(
            value = Feed.class,
            names = {"URGENT_ALERTS", "VERIFICATION"})
    void urgentAlertsAndVerificationsNeverOfferUnsubscribe(Feed feed) throws Exception {
        MimeMessage parsed = roundTrip(messages.build(SESSION, request(feed, "Alert", "Now.", "<p>Now.</p>"), TO));

        assertThat(parsed.getHeader("List-Unsubscribe")).isNull();
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(text(parsed) + html(parsed)).doesNotContainIgnoringCase("unsubscribe");
    }

    @Test
    void anUrgentAlertCarriesThisRecipientsAcknowledgeLinkInTextAndHtml() throws Exception {
        DeliveryRequested request = request(Feed.URGENT_ALERTS, "Lockdown", "Shelter in place.", null);
        MimeMessage parsed = roundTrip(messages.build(SESSION, request, TO));

        Matcher inText = Pattern.compile("Acknowledge receipt: (\\S+)").matcher(text(parsed));
        assertThat(inText.find()).isTrue();
        String url = inText.group(1);
        assertThat(url).startsWith("https://alerts.schoolsafety.example/public/acknowledgements/");
        assertThat(SIGNED_LINKS.verify("acknowledge", url.substring(url.lastIndexOf('/') + 1)))
                .isEqualTo(request.deliveryId());
        assertThat(html(parsed)).contains("Acknowledge receipt: <a href=\"" + url + "\">" + url + "</a>");
    }

    @Test
    void verificationsAndBulletinsCarryNoAcknowledgeLink() throws Exception {
        for (Feed feed : List.of(Feed.VERIFICATION, Feed.WEEKLY_BULLETIN, Feed.CYBER_ADVISORIES)) {
            MimeMessage parsed = roundTrip(messages.build(SESSION, request(feed, "S", "T", null), TO));
            assertThat(text(parsed) + html(parsed)).as(feed.name()).doesNotContain("acknowledgements", "Acknowledge");
        }
    }

    @Test
    void withoutAnHttpsBaseUrlTheLinkIsOfferedButNotOneClick() throws Exception {
        EmailMessages local = messages("http://localhost:8080");
        MimeMessage parsed = roundTrip(local.build(SESSION, request(Feed.WEEKLY_BULLETIN, "B", "T", null), TO));

        assertThat(local.oneClick()).isFalse();
        assertThat(parsed.getHeader("List-Unsubscribe")[0]).startsWith("<http://localhost:8080/public/unsubscribe/");
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                // ASCII only: Jakarta Mail would write it as it is, CR LF and all
                "Drill\r\nBcc: attacker@evil.example\r\n\r\n<b>body</b>\nX-Injected: yes\u0000end",
                // with non-ASCII: encoded as RFC 2047, and still stripped
                "Drill\r\nBcc: attacker@evil.example\r\n\r\n<b>body</b>\nX-Injected: yes\u2028\u0085\u0000end"
            })
    void aSubjectWithCrLfCannotAddAHeaderOrStartTheBody(String hostile) throws Exception {
        MimeMessage built = messages.build(SESSION, request(Feed.URGENT_ALERTS, hostile, "Text.", null), TO);
        MimeMessage parsed = roundTrip(built);

        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getHeader("X-Injected")).isNull();
        assertThat(parsed.getRecipients(RecipientType.BCC)).isNull();
        assertThat(parsed.getAllRecipients()).containsExactly(TO);
        assertThat(parsed.getSubject())
                .isEqualTo("Drill Bcc: attacker@evil.example <b>body</b> X-Injected: yes end")
                .doesNotContain("\r", "\n");
        assertThat(headerNames(parsed))
                .containsExactlyInAnyOrder(
                        "Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type");
        assertThat(text(parsed)).startsWith("Text.");
    }

    @Test
    void aNonAsciiSubjectIsEncodedAndReadsBackTheSame() throws Exception {
        String subject = "Alerte: fermeture d’école — Señal ✅";
        MimeMessage built = messages.build(SESSION, request(Feed.URGENT_ALERTS, subject, "Text.", null), TO);

        String raw = new String(bytes(built), StandardCharsets.US_ASCII);
        assertThat(raw).containsPattern("(?m)^Subject: =\\?UTF-8\\?[BQ]\\?");
        assertThat(roundTrip(built).getSubject()).isEqualTo(subject);
    }

    /**
     * An ASCII body goes as it is (7bit), so that a person reading the raw message (the local stack's sink) sees
     * whole links; every line break is CR LF on the wire, whichever the text had.
     */
    @Test
    void anAsciiBodyTravelsAsItIsWithCrLfLineBreaks() throws Exception {
        DeliveryRequested request =
                request(Feed.URGENT_ALERTS, "Lockdown", "Shelter in place.\nDoors locked.\rLights off.\r\nWait.", null);
        MimeMessage built = messages.build(SESSION, request, TO);
        String raw = new String(bytes(built), StandardCharsets.US_ASCII);

        assertThat(raw).doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]");
        assertThat(raw).contains("Content-Transfer-Encoding: 7bit\r\n").doesNotContain("quoted-printable");
        assertThat(raw).contains("Shelter in place.\r\nDoors locked.\r\nLights off.\r\nWait.");
        Matcher link =
                Pattern.compile("Acknowledge receipt: (https://\\S+)\r\n").matcher(raw);
        assertThat(link.find())
                .as("the whole link on one line of the raw message")
                .isTrue();
        assertThat(SIGNED_LINKS.verify(
                        "acknowledge", link.group(1).substring(link.group(1).lastIndexOf('/') + 1)))
                .isEqualTo(request.deliveryId());
        assertThat(text(roundTrip(built))).startsWith("Shelter in place.\nDoors locked.\nLights off.\nWait.");
    }

    /**
     * Text that is not plain ASCII in short lines (accents, emoji, a control character, a line longer than RFC 5322
     * allows, a line that looks like a MIME boundary) is quoted-printable, and a mail client reads back exactly
     * what was sent.
     */
    @Test
    void aBodyThatIsNotPlainAsciiInShortLinesIsEncodedAndReadsBackTheSame() throws Exception {
        String longLine = "x".repeat(1200);
        String text = "Fermeture d’école — Señal ✅\n--=_ssn_0\n" + longLine + "\nbell\u0007 end  ";
        String html = "<p>Fermeture d’école</p>\n<p>" + longLine + "</p>";
        MimeMessage built = messages.build(SESSION, request(Feed.VERIFICATION, "S", text, html), TO);
        String raw = new String(bytes(built), StandardCharsets.US_ASCII);

        assertThat(raw)
                .contains("Content-Transfer-Encoding: quoted-printable\r\n")
                .doesNotContain("7bit");
        assertThat(raw.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(998);
        MimeMessage parsed = roundTrip(built);
        assertThat(((Multipart) parsed.getContent()).getCount()).isEqualTo(2);
        assertThat(text(parsed)).isEqualTo(text);
        assertThat(html(parsed)).isEqualTo(html);
    }

    /** The stream provider named to Jakarta Mail (to spare it a service-loader scan) is the one it would find. */
    @Test
    void theStreamProviderNamedIsTheOneTheServiceLoaderFinds() throws Exception {
        messages.build(SESSION, request(Feed.URGENT_ALERTS, "S", "Text.", null), TO);

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreams.ANGUS);
        assertThat(java.util.ServiceLoader.load(jakarta.mail.util.StreamProvider.class).stream()
                        .map(provider -> provider.type().getName()))
                .contains(MailStreams.ANGUS);
    }

    @Test
    void textWithoutHtmlBecomesEscapedParagraphs() throws Exception {
        String text = "Shelter <script>alert(1)</script> & wait.\nStay inside.\n\nUpdates follow.";
        MimeMessage parsed = roundTrip(messages.build(SESSION, request(Feed.VERIFICATION, "S", text, null), TO));

        assertThat(html(parsed))
                .startsWith("<p>Shelter &lt;script&gt;alert(1)&lt;/script&gt; &amp; wait.<br>\nStay inside.</p>\n"
                        + "<p>Updates follow.</p>")
                .doesNotContain("<script>");
        assertThat(text(parsed)).startsWith(text);
    }

    @Test
    void whatWeAddToTheHtmlIsEscapedAndGoesBeforeTheEndOfTheBody() throws Exception {
        EmailMessages odd = messages("https://alerts.schoolsafety.example/ssn&x='y'");
        String html = "<html><body><h1>Bulletin</h1></BODY></html>";
        MimeMessage parsed = roundTrip(odd.build(SESSION, request(Feed.WEEKLY_BULLETIN, "B", "T", html), TO));

        String body = html(parsed);
        assertThat(body).startsWith("<html><body><h1>Bulletin</h1><hr>").endsWith("</BODY></html>");
        assertThat(body)
                .contains("href=\"https://alerts.schoolsafety.example/ssn&amp;x=&#39;y&#39;/public/unsubscribe/")
                .doesNotContain("ssn&x='y'");
        assertThat(text(parsed)).contains("Unsubscribe: https://alerts.schoolsafety.example/ssn&x='y'/public/");
    }

    @Test
    void aFromWithoutAnAddressIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailMessages(
                        new EmailSettings(
                                true, 2, 2, "Alerts", 4, 1, PROPERTIES.acquireTimeout(), PROPERTIES.maxIdle()),
                        SIGNED_LINKS,
                        new LinkProperties(URI.create("https://x.example"), null),
                        CLOCK));
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    static final InternetAddress TO = address("principal@district.example");

    static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EmailMessages messages(String baseUrl) {
        return new EmailMessages(PROPERTIES, SIGNED_LINKS, new LinkProperties(URI.create(baseUrl), null), CLOCK);
    }

    static DeliveryRequested request(Feed feed, String subject, String text, String html) {
        return request(feed, subject, text, html, "n-1");
    }

    static DeliveryRequested request(Feed feed, String subject, String text, String html, String notificationId) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, "ep-1"),
                notificationId,
                "ep-1",
                "mo-district-columbia-93",
                Channel.EMAIL,
                "principal@district.example",
                feed == Feed.URGENT_ALERTS || feed == Feed.VERIFICATION ? Lane.URGENT : Lane.BULK,
                feed,
                new Message(subject, text, html),
                CLOCK.instant());
    }

    static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage roundTrip(MimeMessage message) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes(message)));
    }

    static String text(MimeMessage parsed) throws Exception {
        return part(parsed, "text/plain");
    }

    static String html(MimeMessage parsed) throws Exception {
        return part(parsed, "text/html");
    }

    private static String part(MimeMessage parsed, String type) throws Exception {
        Multipart parts = (Multipart) parsed.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return ((String) part.getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static List<String> headerNames(MimeMessage parsed) throws Exception {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(parsed.getAllHeaders())) {
            names.add(header.getName());
        }
        return names;
    }
}
