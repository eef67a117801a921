package org.schoolsafety.alert.feed;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertQueries;
import org.schoolsafety.alert.alert.RecipientTime;
import org.schoolsafety.alert.cap.CapXml;
import org.schoolsafety.alert.rendition.CapMapping;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What anyone may read without a token: an Atom feed of the active public alerts, each entry linking its CAP
 * XML (for district systems that pull, and to catch up after downtime), and each alert's page (the link an SMS
 * carries). Restricted alerts are never on the feed; their page is reachable only through the link the
 * recipients got, whose id cannot be guessed. Drafts, expired and cancelled alerts are nowhere here.
 */
@RestController
class AlertFeedController {

    static final String ATOM = "application/atom+xml";
    private static final int FEED_SCAN = 500;
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final AlertQueries alerts;
    private final CapMapping cap;
    private final LinkProperties links;
    private final Clock clock;

    AlertFeedController(AlertQueries alerts, CapMapping cap, LinkProperties links, Clock clock) {
        this.alerts = alerts;
        this.cap = cap;
        this.links = links;
        this.clock = clock;
    }

    @GetMapping(path = "/feeds/alerts/atom", produces = ATOM)
    ResponseEntity<String> atom() throws XMLStreamException {
        Instant now = clock.instant();
        List<Alert> active = alerts.newest(FEED_SCAN).stream()
                .filter(alert -> alert.active(now) && "Public".equals(alert.scope()) && alert.published())
                .toList();
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XML.createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        element(xml, "id", links.link("/feeds/alerts/atom"));
        element(xml, "title", "School safety alerts in effect");
        element(
                xml,
                "updated",
                CapMapping.capTime(active.isEmpty() ? now : active.getFirst().changedAt()));
        link(xml, "self", links.link("/feeds/alerts/atom"), ATOM);
        for (Alert alert : active) {
            entry(xml, alert);
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(15)))
                .body(out.toString());
    }

    private void entry(XMLStreamWriter xml, Alert alert) throws XMLStreamException {
        xml.writeStartElement("entry");
        element(xml, "id", "urn:oid:" + alert.current().identifier());
        element(xml, "title", alert.info().headline());
        element(xml, "updated", CapMapping.capTime(alert.changedAt()));
        element(xml, "published", CapMapping.capTime(alert.messages().getFirst().sent()));
        xml.writeStartElement("author");
        element(xml, "name", alert.sender());
        xml.writeEndElement();
        element(xml, "summary", alert.info().description());
        link(xml, "alternate", links.link("/feeds/alerts/" + alert.id() + "/cap"), CapXml.MEDIA_TYPE);
        link(xml, "related", links.link("/public/alerts/" + alert.id()), "text/html");
        xml.writeEndElement();
    }

    /** The CAP XML of an active public alert's last message. */
    @GetMapping(path = "/feeds/alerts/{id}/cap", produces = CapXml.MEDIA_TYPE)
    String capXml(@PathVariable String id) {
        Alert alert = published(id);
        if (!"Public".equals(alert.scope()) || !alert.active(clock.instant())) {
            throw new AlertNotFound("No public alert " + id + " in effect.");
        }
        return cap.xml(alert, alert.current());
    }

    /** The page an SMS links to: what the alert says now, or that it is over. */
    @GetMapping(path = "/public/alerts/{id}", produces = "text/html;charset=UTF-8")
    String page(@PathVariable String id) {
        Alert alert = published(id);
        Instant now = clock.instant();
        String state = switch (alert.state()) {
            case CANCELLED -> "This alert was CANCELLED: " + alert.current().summary();
            default ->
                alert.expired(now)
                        ? "This alert has expired."
                        : "In effect until " + RecipientTime.of(alert.info().expires()) + ".";
        };
        String drill = alert.drill() ? "<p><strong>THIS IS A DRILL (" + alert.status() + ").</strong></p>" : "";
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(alert.info().headline()) + "</title></head><body>"
                + drill
                + "<h1>" + esc(alert.info().headline()) + "</h1>"
                + "<p><strong>" + esc(state) + "</strong></p>"
                + "<p>" + esc(alert.info().description()) + "</p>"
                + "<h2>What to do</h2><p>" + esc(alert.info().instruction()) + "</p>"
                + "<p>Area: " + esc(alert.resolved().description()) + "</p>"
                + (alert.info().contact() == null
                        ? ""
                        : "<p>Contact: " + esc(alert.info().contact()) + "</p>")
                + "</body></html>";
    }

    private Alert published(String id) {
        Alert alert = alerts.findIssued(id).orElseThrow(() -> new AlertNotFound("No alert " + id + "."));
        return alert;
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }
}
