package org.schoolsafety.delivery;

import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.springframework.web.util.HtmlUtils;

/**
 * Greets the recipient's organisation by name where a bulk message leaves room for it
 * ({@link Message#ORGANISATION_NAME}): the delivery's {@code organisationName}, or {@value #UNKNOWN} where the
 * directory has none. One message serves every recipient of a bulletin; each delivery fills in its own name.
 */
public final class Personalisation {

    /** What stands for an organisation whose name is not known. */
    public static final String UNKNOWN = "your school";

    private Personalisation() {}

    /** Plain text (a subject, a text body, an SMS, a JSON string) with the organisation's name filled in. */
    public static String text(String text, DeliveryRequested request) {
        return text == null || !text.contains(Message.ORGANISATION_NAME)
                ? text
                : text.replace(Message.ORGANISATION_NAME, name(request));
    }

    /** HTML with the organisation's name filled in, escaped. */
    public static String html(String html, DeliveryRequested request) {
        return html == null || !html.contains(Message.ORGANISATION_NAME)
                ? html
                : html.replace(Message.ORGANISATION_NAME, HtmlUtils.htmlEscape(name(request)));
    }

    private static String name(DeliveryRequested request) {
        String name = request.organisationName();
        return name == null || name.isBlank() ? UNKNOWN : name.strip();
    }
}
