package org.schoolsafety.alert.cap;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Takes the values out of an {@code <alert>} the XSD has already accepted, so it can rely on every required element
 * being there, once, in order. Only CAP-namespace children are looked at: a {@code ds:Signature} is passed over, and
 * so is {@code <resource>}, which no field takes.
 *
 * <p>Text has its surrounding whitespace removed; an optional element that is then empty counts as absent, which is
 * also how {@link CapWriter} treats an empty optional value, so a message survives being read and written again.
 */
final class CapElementReader {

    private CapElementReader() {}

    static CapMessage message(Element alert) {
        return new CapMessage(
                required(alert, "identifier"),
                required(alert, "sender"),
                time(alert, "sent"),
                required(alert, "status"),
                required(alert, "msgType"),
                optional(alert, "source"),
                required(alert, "scope"),
                optional(alert, "restriction"),
                optional(alert, "addresses"),
                texts(alert, "code"),
                optional(alert, "note"),
                optional(alert, "references"),
                optional(alert, "incidents"),
                each(alert, "info", CapElementReader::info));
    }

    private static CapInfo info(Element info) {
        return new CapInfo(
                optional(info, "language"),
                texts(info, "category"),
                required(info, "event"),
                texts(info, "responseType"),
                required(info, "urgency"),
                required(info, "severity"),
                required(info, "certainty"),
                optional(info, "audience"),
                each(info, "eventCode", CapElementReader::value),
                time(info, "effective"),
                time(info, "onset"),
                time(info, "expires"),
                optional(info, "senderName"),
                optional(info, "headline"),
                optional(info, "description"),
                optional(info, "instruction"),
                optional(info, "web"),
                optional(info, "contact"),
                each(info, "parameter", CapElementReader::value),
                each(info, "area", CapElementReader::area));
    }

    private static CapArea area(Element area) {
        return new CapArea(
                required(area, "areaDesc"),
                texts(area, "polygon"),
                texts(area, "circle"),
                each(area, "geocode", CapElementReader::value),
                optional(area, "altitude"),
                optional(area, "ceiling"));
    }

    private static CapValue value(Element pair) {
        return new CapValue(required(pair, "valueName"), required(pair, "value"));
    }

    private static String required(Element parent, String name) {
        Element child = first(parent, name);
        if (child == null) {
            throw new IllegalStateException("an alert the XSD accepted has no <" + name + ">");
        }
        return text(child);
    }

    private static String optional(Element parent, String name) {
        Element child = first(parent, name);
        String text = child == null ? "" : text(child);
        return text.isEmpty() ? null : text;
    }

    private static OffsetDateTime time(Element parent, String name) {
        Element child = first(parent, name);
        return child == null ? null : CapTime.parse(text(child), name);
    }

    private static List<String> texts(Element parent, String name) {
        return each(parent, name, CapElementReader::text);
    }

    private static <T> List<T> each(Element parent, String name, Function<Element, T> read) {
        List<T> values = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (isCap(node, name)) {
                values.add(read.apply((Element) node));
            }
        }
        return values;
    }

    private static Element first(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (isCap(node, name)) {
                return (Element) node;
            }
        }
        return null;
    }

    private static boolean isCap(Node node, String name) {
        return node.getNodeType() == Node.ELEMENT_NODE
                && name.equals(node.getLocalName())
                && CapXml.NAMESPACE.equals(node.getNamespaceURI());
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }
}
