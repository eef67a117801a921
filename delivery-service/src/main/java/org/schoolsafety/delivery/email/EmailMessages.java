package org.schoolsafety.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
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
 *   <li>urgent alerts: a link for this recipient to acknowledge receipt, in both bodies.
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
        String text = content.text();
        String html = content.html() != null ? content.html() : paragraphs(text);
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
        message.setSubject(subject(content.subject()), StandardCharsets.UTF_8.name());
        // not setSentDate: its shared SimpleDateFormat, locked for every message, was a fifth of building one
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

    /**
     * A MIME message whose {@code Message-ID} is ours, kept when its changes are saved again, and whose body is
     * written here, as it goes on the wire, rather than by Jakarta Mail's data handlers. Those looked up a content
     * handler in the mailcap registry for every part, wrote each text once only to choose its transfer encoding,
     * and again to send it (a sixth of delivery-service's CPU samples while it sent email, under bench.email).
     */
    static final class DeliveryMessage extends MimeMessage {

        /** RFC 5322's limit on a line, without its CR LF; a longer line must be encoded. */
        private static final int MAX_LINE = 998;

        private final String messageId;

        DeliveryMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        /**
         * The body: {@code multipart/alternative} with the text, then the HTML, both UTF-8; each sent as it is
         * ({@code 7bit}) when it is ASCII in lines of at most 998 characters, else {@code quoted-printable}. Line
         * breaks become CR LF. The message is then complete, as a saved one is: its headers are final and sending
         * writes these bytes.
         */
        void setAlternatives(String text, String html) throws MessagingException {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            byte[] rich = html.getBytes(StandardCharsets.UTF_8);
            String boundary;
            do {
                // "=_" never occurs in quoted-printable; a 7bit part is checked for the whole boundary
                boundary =
                        "=_ssn_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                                + Long.toHexString(ThreadLocalRandom.current().nextLong());
            } while (text.contains(boundary) || html.contains(boundary));
            ByteArrayOutputStream body = new ByteArrayOutputStream(plain.length + rich.length + 512);
            part(body, boundary, "text/plain", plain);
            part(body, boundary, "text/html", rich);
            ascii(body, "--" + boundary + "--\r\n");

            setHeader("MIME-Version", "1.0");
            setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            updateMessageID();
            content = body.toByteArray();
            cachedContent = null;
            dh = null;
            modified = false;
            saved = true;
        }

        private static void part(ByteArrayOutputStream body, String boundary, String type, byte[] utf8)
                throws MessagingException {
            boolean sevenBit = sevenBit(utf8);
            ascii(
                    body,
                    "--" + boundary + "\r\nContent-Type: " + type + "; charset=UTF-8\r\nContent-Transfer-Encoding: "
                            + (sevenBit ? "7bit" : "quoted-printable") + "\r\n\r\n");
            if (sevenBit) {
                withCrLf(body, utf8);
            } else {
                try {
                    // CR, LF and CR LF all become CR LF; long lines are broken softly
                    OutputStream encoder = MimeUtility.encode(body, "quoted-printable");
                    encoder.write(utf8);
                    encoder.flush();
                } catch (IOException e) {
                    throw new MessagingException("the part could not be encoded", e);
                }
            }
            ascii(body, "\r\n");
        }

        /** Whether these bytes are ASCII without control characters but TAB, CR and LF, in lines of at most 998. */
        static boolean sevenBit(byte[] utf8) {
            int line = 0;
            for (byte b : utf8) {
                if (b == '\r' || b == '\n') {
                    line = 0;
                } else if (b < 0 || b == 0x7f || (b < 0x20 && b != '\t') || ++line > MAX_LINE) {
                    return false;
                }
            }
            return true;
        }

        /** Writes these bytes with every line break (CR, LF or CR LF) as CR LF. */
        private static void withCrLf(ByteArrayOutputStream body, byte[] bytes) {
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                byte b = bytes[i];
                if (b == '\r' || b == '\n') {
                    body.write(bytes, from, i - from);
                    body.write('\r');
                    body.write('\n');
                    if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                        i++;
                    }
                    from = i + 1;
                }
            }
            body.write(bytes, from, bytes.length - from);
        }

        private static void ascii(ByteArrayOutputStream body, String text) {
            body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
