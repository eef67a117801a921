package org.schoolsafety.events.notification;

import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * The content every channel renders from: email uses all three parts, SMS the text, webhooks the JSON
 * event or CAP XML built from the source.
 *
 * @param subject one line, also the SMS lead
 * @param text plain text body
 * @param html HTML body, or {@code null} for text-only messages
 * @param capXml the OASIS CAP 1.2 XML of an alert, for webhooks that chose CAP; {@code null} for anything that is
 *     not a CAP alert (those webhooks then get the JSON event)
 * @param sms the SMS rendition, written to fit the platform's segment limit (an alert's headline and a short
 *     link); {@code null} to let the SMS adapter build one from subject and text. It may hold
 *     {@link #ACKNOWLEDGE_LINK} once, which the SMS adapter replaces with that recipient's acknowledgement link
 * @param json a JSON document that webhooks receive as {@code data.content} (a bulletin or an advisory as JSON, with
 *     its links); {@code null} where the subject and text say it all (alerts carry CAP instead)
 */
public record Message(String subject, String text, String html, String capXml, String sms, String json) {

    /**
     * Where an SMS rendition wants the recipient's own acknowledgement link ({@code <base>/public/acknowledgements/}
     * and a signed token for the delivery id); the producer leaves room for it.
     */
    public static final String ACKNOWLEDGE_LINK = "{acknowledge}";

    /**
     * Where a bulk message (a bulletin) greets the recipient's organisation by name: each channel's adapter replaces
     * it with the delivery's {@link org.schoolsafety.events.delivery.DeliveryRequested#organisationName()} (escaped
     * in HTML), or with "your school" where the name is unknown.
     */
    public static final String ORGANISATION_NAME = "{organisation}";

    public Message {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /**
     * This message with only the parts that one channel's adapter reads: email the subject, text and HTML; SMS
     * the subject, text and SMS rendition; webhooks the subject, text, CAP XML and JSON document. A statewide
     * alert becomes ten thousand delivery requests, and an email's HTML or an alert's CAP XML in every SMS
     * request would be kilobytes each for the broker to store and delivery-service to parse, for nothing.
     *
     * @return this message itself when it holds nothing that channel does not read
     */
    public Message renditionFor(Channel channel) {
        return switch (channel) {
            case EMAIL ->
                capXml == null && sms == null && json == null
                        ? this
                        : new Message(subject, text, html, null, null, null);
            case SMS ->
                html == null && capXml == null && json == null ? this : new Message(subject, text, null, null, sms);
            case WEBHOOK -> html == null && sms == null ? this : new Message(subject, text, null, capXml, null, json);
        };
    }

    /** A message with no JSON document for webhooks. */
    public Message(String subject, String text, String html, String capXml, String sms) {
        this(subject, text, html, capXml, sms, null);
    }

    /** A message with no CAP and no SMS rendition of its own. */
    public Message(String subject, String text, String html) {
        this(subject, text, html, null, null);
    }

    /** A message with no SMS rendition of its own. */
    public Message(String subject, String text, String html, String capXml) {
        this(subject, text, html, capXml, null);
    }
}
