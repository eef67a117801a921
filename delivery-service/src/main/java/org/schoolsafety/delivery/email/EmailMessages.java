package org.schoolsafety.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.schoolsafety.delivery.Personalisation;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.mail.MailStreams;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.springframework.web.util.HtmlUtils;

/**
 * The MIME message of one email delivery: {@code multipart/alternative} with the text and the HTML of the
 * message, and what this platform adds to them.
 * <ul>
 *   <li>{@code Message-ID: <deliveryId@domain of From>}: the same on every attempt, so a mailbox that gets a
 *       retried message twice can tell;
 *   <li>the subject without control characters (a CR or LF in it cannot start a header), encoded as RFC 2047
 *       needs;
 *   <li>bulletins and advisories (which a school may leave): {@code List-Unsubscribe} with a signed link for the
 *       endpoint and the feed, and, when that link is HTTPS, {@code List-Unsubscribe-Post:
 *       List-Unsubscribe=One-Click} (RFC 8058), so mail clients offer one-click unsubscription; also a visible link
 *       in both footers. Never on urgent alerts (a school cannot leave them) nor on verification messages;
 *   <li>urgent alerts: a link for this recipient to acknowledge receipt, in both bodies;
 *   <li>the recipient's organisation by name where the message leaves room for it ({@link Personalisation}), in
 *       the subject, the text and (escaped) the HTML.
 * </ul>
 * The HTML comes from our own services and is sent as it is; everything added here is escaped. Without HTML the
 * text is sent as escaped HTML paragraphs.
 */
final class EmailMessages {

    static final Duration UNSUBSCRIBE_VALID_FOR = Duration.ofDays(60);
    static final Duration ACKNOWLEDGE_VALID_FOR = Duration.ofDays(30);

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    private static final Pattern ID_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    /** RFC 5322's date-time, in UTC. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

    static {
        MailStreams.name();
    }

    private final InternetAddress from;
    private final String messageIdDomain;
    private final SignedLinks signedLinks;
    private final LinkProperties links;
    private final Clock clock;

    EmailMessages(EmailSettings properties, SignedLinks signedLinks, LinkProperties links, Clock clock) {
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("ssn.delivery.email.from is not an email address: " + e.getMessage(), e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (messageIdDomain.isEmpty() || !address.contains("@")) {
            throw new IllegalArgumentException("ssn.delivery.email.from needs an address with a domain");
        }
        this.signedLinks = signedLinks;
        this.links = links;
        this.clock = clock;
    }

    /** Whether unsubscribe links are HTTPS, as one-click unsubscription requires. */
    boolean oneClick() {
        return links.link("/").startsWith("https://");
    }

    /** The message for this request to this recipient, its changes saved: ready to send. */
    MimeMessage build(Session session, DeliveryRequested request, InternetAddress to) throws MessagingException {
        Message content = request.message();
        String text = Personalisation.text(content.text(), request);
        String html = content.html() != null ? Personalisation.html(content.html(), request) : paragraphs(text);
        String unsubscribe = null;
        switch (request.feed()) {
            case URGENT_ALERTS -> {
                String acknowledge = links.link("/public/acknowledgements/"
                        + signedLinks.sign("acknowledge", request.deliveryId(), ACKNOWLEDGE_VALID_FOR));
                text = text + "\n\nAcknowledge receipt: " + acknowledge + "\n";
                html = withFooter(html, "<p>Acknowledge receipt: " + anchor(acknowledge, acknowledge) + "</p>");
            }
            case WEEKLY_BULLETIN, CYBER_ADVISORIES -> {
                unsubscribe = links.link("/public/unsubscribe/"
                        + signedLinks.sign(
                                "unsubscribe",
                                request.endpointId() + ":" + request.feed().name(),
                                UNSUBSCRIBE_VALID_FOR));
                String why = "You receive " + feedName(request.feed()) + " because this address is subscribed.";
                text = text + "\n\n-- \n" + why + "\nUnsubscribe: " + unsubscribe + "\n";
                html = withFooter(
                        html,
                        "<hr><p style=\"font-size:small\">" + HtmlUtils.htmlEscape(why) + " "
                                + anchor(unsubscribe, "Unsubscribe") + "</p>");
            }
            case VERIFICATION -> {
                // about the endpoint itself: nothing to leave, nothing to acknowledge
            }
        }

        DeliveryMessage message = new DeliveryMessage(session, messageId(request.deliveryId()));
        message.setFrom(from);
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        message.setSubject(subject(Personalisation.text(content.subject(), request)), StandardCharsets.UTF_8.name());
        // not setSentDate: its shared SimpleDateFormat is locked for every message
        message.setHeader("Date", DATE.format(clock.instant().atOffset(ZoneOffset.UTC)));
        if (unsubscribe != null) {
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            if (unsubscribe.startsWith("https://")) {
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        message.setAlternatives(text, html);
        return message;
    }

    /** {@code <deliveryId@domain>}: stable for a delivery, and only characters a message id may hold. */
    String messageId(String deliveryId) {
        return "<" + ID_UNSAFE.matcher(deliveryId).replaceAll("_") + "@" + messageIdDomain + ">";
    }

    /** One line: control characters (CR, LF, TAB, NUL, C1, line and paragraph separators) become spaces. */
    static String subject(String subject) {
        return CONTROLS.matcher(subject).replaceAll(" ").strip();
    }

    private static String feedName(Feed feed) {
        return switch (feed) {
            case WEEKLY_BULLETIN -> "the weekly school safety bulletin";
            case CYBER_ADVISORIES -> "cybersecurity advisories";
            default -> feed.name();
        };
    }

    private static String anchor(String href, String label) {
        return "<a href=\"" + HtmlUtils.htmlEscape(href) + "\">" + HtmlUtils.htmlEscape(label) + "</a>";
    }

    /** Text as HTML: escaped, a paragraph per blank-line-separated block, line breaks kept. */
    static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String block : text.strip().split("\\R\\s*\\R")) {
            html.append("<p>")
                    .append(HtmlUtils.htmlEscape(block.strip()).replaceAll("\\R", "<br>\n"))
                    .append("</p>\n");
        }
        return html.toString();
    }

    /** The footer before {@code </body>} when the HTML is a whole document, else after it. */
    private static String withFooter(String html, String footer) {
        var end = BODY_END.matcher(html);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? html + "\n" + footer + "\n" : html.substring(0, at) + footer + "\n" + html.substring(at);
    }
}
