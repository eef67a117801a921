package org.schoolsafety.alert.rendition;

import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertMessage;
import org.schoolsafety.alert.alert.AlertRenditions;
import org.schoolsafety.alert.alert.RecipientTime;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertStatus;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * What each channel says for one CAP message of an alert: an email subject with text and HTML bodies, an SMS of
 * the headline and a short link within two segments, and the CAP XML for webhooks that chose it (webhooks that
 * chose JSON get subject and text). Exercises and tests say so in every one of them; an update says what
 * changed, a cancel that it is over.
 */
@Component
public class Renditions implements AlertRenditions {

    /** Delivery ids are name-based UUIDs: 36 characters. */
    private static final int DELIVERY_ID_LENGTH = 36;

    private final LinkProperties links;
    private final CapMapping cap;

    Renditions(LinkProperties links, CapMapping cap) {
        this.links = links;
        this.cap = cap;
    }

    /**
     * An SMS of {@code subject} and the recipient's own acknowledgement link (delivery-service fills it in per
     * recipient; the acknowledgement page shows the whole alert), or the alert's page when that cannot fit two
     * segments (a headline outside GSM-7).
     */
    public String sms(String subject, String alertId) {
        int acknowledgeLength =
                links.link("/public/acknowledgements/").length() + SignedLinks.tokenLength(DELIVERY_ID_LENGTH);
        return SmsFit.withAcknowledgement(subject, pageLink(alertId), acknowledgeLength);
    }

    /** The page anyone with the link may read the alert on; the SMS carries it. */
    public String pageLink(String alertId) {
        return links.link("/public/alerts/" + alertId);
    }

    @Override
    public Message of(Alert alert, AlertMessage message) {
        String lead = lead(alert.status(), message.msgType());
        String subject = lead + alert.info().headline();
        String text = text(alert, message);
        return new Message(subject, text, html(text), cap.xml(alert, message), sms(subject, alert.id()));
    }

    static String lead(AlertStatus status, String msgType) {
        String drill = switch (status) {
            case ACTUAL -> "";
            case EXERCISE -> "EXERCISE - ";
            case TEST -> "TEST - ";
        };
        String type = switch (msgType) {
            case "Update" -> "UPDATE: ";
            case "Cancel" -> "CANCELLED: ";
            default -> "";
        };
        return drill + type;
    }

    private String text(Alert alert, AlertMessage message) {
        AlertInfo info = alert.info();
        StringBuilder text = new StringBuilder();
        drillNotice(alert.status()).ifPresent(notice -> text.append(notice).append("\n\n"));
        switch (message.msgType()) {
            case "Cancel" ->
                text.append("This alert is over: ")
                        .append(info.headline())
                        .append(". ")
                        .append(message.summary())
                        .append("\n\nIt was first sent ")
                        .append(RecipientTime.of(alert.messages().getFirst().sent()))
                        .append(".");
            case "Update" ->
                text.append("This updates the alert first sent ")
                        .append(RecipientTime.of(alert.messages().getFirst().sent()))
                        .append(". What changed: ")
                        .append(message.summary())
                        .append("\n\n")
                        .append(body(info));
            default -> text.append(body(info));
        }
        text.append("\n\nArea: ").append(alert.resolved().description());
        text.append("\nDetails: ").append(pageLink(alert.id()));
        drillNotice(alert.status()).ifPresent(notice -> text.append("\n\n").append(notice));
        return text.toString();
    }

    private static String body(AlertInfo info) {
        StringBuilder body = new StringBuilder()
                .append(info.headline())
                .append("\n\n")
                .append(info.description())
                .append("\n\nWhat to do: ")
                .append(info.instruction());
        if (info.expires() != null) {
            body.append("\n\nIn effect until ")
                    .append(RecipientTime.of(info.expires()))
                    .append(".");
        }
        if (info.web() != null) {
            body.append("\nMore: ").append(info.web());
        }
        if (info.contact() != null) {
            body.append("\nContact: ").append(info.contact());
        }
        return body.toString();
    }

    /** The text, escaped, one paragraph per blank-line block; links stay text (no markup from input). */
    private static String html(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>")
                    .append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>"))
                    .append("</p>\n");
        }
        return html.toString();
    }

    private static java.util.Optional<String> drillNotice(AlertStatus status) {
        return switch (status) {
            case ACTUAL -> java.util.Optional.empty();
            case EXERCISE -> java.util.Optional.of("THIS IS AN EXERCISE. It is a drill, not a real emergency.");
            case TEST -> java.util.Optional.of("THIS IS A TEST. No action is needed.");
        };
    }
}
