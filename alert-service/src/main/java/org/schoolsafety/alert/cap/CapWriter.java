package org.schoolsafety.alert.cap;

import static org.schoolsafety.alert.cap.CapVocabulary.CATEGORY;
import static org.schoolsafety.alert.cap.CapVocabulary.CERTAINTY;
import static org.schoolsafety.alert.cap.CapVocabulary.MSG_TYPE;
import static org.schoolsafety.alert.cap.CapVocabulary.RESPONSE_TYPE;
import static org.schoolsafety.alert.cap.CapVocabulary.SCOPE;
import static org.schoolsafety.alert.cap.CapVocabulary.SEVERITY;
import static org.schoolsafety.alert.cap.CapVocabulary.STATUS;
import static org.schoolsafety.alert.cap.CapVocabulary.URGENCY;
import static org.schoolsafety.alert.cap.CapVocabulary.decimal;
import static org.schoolsafety.alert.cap.CapVocabulary.language;
import static org.schoolsafety.alert.cap.CapVocabulary.oneOf;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes a {@link CapMessage} straight into one {@link StringBuilder}, elements in the order the XSD's sequences
 * require. It writes text itself rather than through StAX because the JDK's StAX writer leaves a carriage return as
 * it is (a parser reads it back as a line feed) and passes characters XML 1.0 forbids; {@link CapText} deals with
 * both, and there is nothing else to escape in a document without attributes.
 */
final class CapWriter {

    private static final String HEAD =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"" + CapXml.NAMESPACE + "\">";

    private CapWriter() {}

    static String write(CapMessage message) {
        StringBuilder out = new StringBuilder(4096).append(HEAD);
        element(out, "identifier", message.identifier());
        element(out, "sender", message.sender());
        time(out, "sent", message.sent());
        element(out, "status", oneOf(STATUS, "status", message.status()));
        element(out, "msgType", oneOf(MSG_TYPE, "msgType", message.msgType()));
        optional(out, "source", message.source());
        element(out, "scope", oneOf(SCOPE, "scope", message.scope()));
        optional(out, "restriction", message.restriction());
        optional(out, "addresses", message.addresses());
        for (String code : message.codes()) {
            element(out, "code", code);
        }
        optional(out, "note", message.note());
        optional(out, "references", message.references());
        optional(out, "incidents", message.incidents());
        for (CapInfo info : message.infos()) {
            info(out, info);
        }
        return out.append("</alert>").toString();
    }

    private static void info(StringBuilder out, CapInfo info) {
        out.append("<info>");
        optional(out, "language", language(info.language()));
        for (String category : info.categories()) {
            element(out, "category", oneOf(CATEGORY, "category", category));
        }
        element(out, "event", info.event());
        for (String responseType : info.responseTypes()) {
            element(out, "responseType", oneOf(RESPONSE_TYPE, "responseType", responseType));
        }
        element(out, "urgency", oneOf(URGENCY, "urgency", info.urgency()));
        element(out, "severity", oneOf(SEVERITY, "severity", info.severity()));
        element(out, "certainty", oneOf(CERTAINTY, "certainty", info.certainty()));
        optional(out, "audience", info.audience());
        values(out, "eventCode", info.eventCodes());
        optionalTime(out, "effective", info.effective());
        optionalTime(out, "onset", info.onset());
        optionalTime(out, "expires", info.expires());
        optional(out, "senderName", info.senderName());
        optional(out, "headline", info.headline());
        optional(out, "description", info.description());
        optional(out, "instruction", info.instruction());
        optional(out, "web", info.web());
        optional(out, "contact", info.contact());
        values(out, "parameter", info.parameters());
        for (CapArea area : info.areas()) {
            area(out, area);
        }
        out.append("</info>");
    }

    private static void area(StringBuilder out, CapArea area) {
        out.append("<area>");
        element(out, "areaDesc", area.areaDesc());
        for (String polygon : area.polygons()) {
            element(out, "polygon", polygon);
        }
        for (String circle : area.circles()) {
            element(out, "circle", circle);
        }
        values(out, "geocode", area.geocodes());
        optional(out, "altitude", decimal("altitude", area.altitude()));
        optional(out, "ceiling", decimal("ceiling", area.ceiling()));
        out.append("</area>");
    }

    private static void values(StringBuilder out, String name, List<CapValue> pairs) {
        for (CapValue pair : pairs) {
            out.append('<').append(name).append('>');
            element(out, "valueName", pair.valueName());
            element(out, "value", pair.value());
            out.append("</").append(name).append('>');
        }
    }

    private static void optional(StringBuilder out, String name, String text) {
        if (text != null && !text.isEmpty()) {
            element(out, name, text);
        }
    }

    private static void element(StringBuilder out, String name, String text) {
        out.append('<').append(name).append('>');
        CapText.append(out, name, text);
        out.append("</").append(name).append('>');
    }

    private static void optionalTime(StringBuilder out, String name, OffsetDateTime time) {
        if (time != null) {
            time(out, name, time);
        }
    }

    private static void time(StringBuilder out, String name, OffsetDateTime time) {
        out.append('<').append(name).append('>');
        CapTime.append(out, name, time);
        out.append("</").append(name).append('>');
    }
}
