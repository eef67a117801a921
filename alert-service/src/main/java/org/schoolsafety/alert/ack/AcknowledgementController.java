package org.schoolsafety.alert.ack;

import jakarta.validation.Valid;
import java.time.Instant;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertAccess;
import org.schoolsafety.alert.alert.AlertQueries;
import org.schoolsafety.alert.alert.RecipientTime;
import org.schoolsafety.alert.status.StatusStore.Delivery;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.platform.text.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Acknowledging an alert. The link in an email or SMS opens a page with one button: opening the link does not
 * acknowledge, because mail scanners open links on their own; pressing the button does. District systems
 * acknowledge by delivery id through the API, for their own organisation's deliveries only.
 */
@RestController
class AcknowledgementController {

    static final String PURPOSE = "acknowledge";
    private static final String HTML = "text/html;charset=UTF-8";

    private final Acknowledgements acknowledgements;
    private final SignedLinks links;
    private final AlertQueries alerts;
    private final AlertAccess access;

    AcknowledgementController(
            Acknowledgements acknowledgements, SignedLinks links, AlertQueries alerts, AlertAccess access) {
        this.acknowledgements = acknowledgements;
        this.links = links;
        this.alerts = alerts;
        this.access = access;
    }

    record ApiAcknowledgement(@Text(max = 64) String deliveryId) {}

    record Acknowledged(String deliveryId, String notificationId, String organisationId, Instant at) {}

    @GetMapping(path = "/public/acknowledgements/{token}", produces = HTML)
    ResponseEntity<String> page(@PathVariable String token) {
        Delivery delivery;
        try {
            delivery = acknowledgements.delivery(links.verify(PURPOSE, token));
        } catch (SignedLinks.RefusedException e) {
            return refused(e);
        }
        // an SMS links here: the page shows the whole alert, then the one button
        return ResponseEntity.ok(page(
                "Acknowledge this alert",
                details(delivery)
                        + "<form method=\"post\"><button type=\"submit\" style=\"font-size:1.5em;padding:.5em 1em\">"
                        + "I have received this alert</button></form>"));
    }

    @PostMapping(path = "/public/acknowledgements/{token}", produces = HTML)
    ResponseEntity<String> acknowledge(@PathVariable String token) {
        Delivery delivery;
        try {
            delivery = acknowledgements.delivery(links.verify(PURPOSE, token));
        } catch (SignedLinks.RefusedException e) {
            return refused(e);
        }
        Instant at = acknowledgements.acknowledge(delivery, "link");
        return ResponseEntity.ok(page(
                "Thank you",
                "<p>Your acknowledgement of “" + esc(headline(delivery)) + "” was recorded at "
                        + esc(RecipientTime.of(at)) + ".</p>"));
    }

    /** A district system acknowledges one of its own deliveries. */
    @PostMapping(path = "/api/acknowledgements", consumes = MediaType.APPLICATION_JSON_VALUE)
    Acknowledged acknowledgeByApi(@Valid @RequestBody ApiAcknowledgement request) {
        Caller caller = AlertAccess.caller();
        if (request == null
                || request.deliveryId() == null
                || request.deliveryId().isBlank()
                || request.deliveryId().length() > 64) {
            throw new AlertRejected("deliveryId", "Name the delivery to acknowledge.");
        }
        Delivery delivery = acknowledgements.delivery(request.deliveryId());
        if (!access.withinCaller(delivery.organisationId(), caller)) {
            // another organisation's delivery does not exist for this caller
            throw new AlertNotFound("No delivered alert with this id; if it arrived just now, try again in a minute.");
        }
        Instant at = acknowledgements.acknowledge(delivery, "api");
        return new Acknowledged(delivery.deliveryId(), delivery.notificationId(), delivery.organisationId(), at);
    }

    private String details(Delivery delivery) {
        Alert alert = alerts.findIssued(org.schoolsafety.alert.status.StatusStore.alertOf(delivery.notificationId()))
                .orElse(null);
        if (alert == null) {
            return "<p>An urgent alert.</p>";
        }
        String drill = alert.drill()
                ? "<p><strong>THIS IS A DRILL (" + esc(alert.status().name()) + ").</strong></p>"
                : "";
        return drill + "<h2>" + esc(alert.info().headline()) + "</h2>"
                + "<p>" + esc(alert.info().description()) + "</p>"
                + "<p><strong>What to do:</strong> " + esc(alert.info().instruction()) + "</p>";
    }

    private String headline(Delivery delivery) {
        String alertId = org.schoolsafety.alert.status.StatusStore.alertOf(delivery.notificationId());
        return alerts.findIssued(alertId)
                .map(Alert::info)
                .map(info -> info.headline())
                .orElse("an urgent alert");
    }

    private static ResponseEntity<String> refused(SignedLinks.RefusedException e) {
        boolean expired = e.refusal() == SignedLinks.Refusal.EXPIRED;
        return ResponseEntity.status(expired ? HttpStatus.GONE : HttpStatus.BAD_REQUEST)
                .contentType(MediaType.parseMediaType(HTML))
                .body(page(
                        expired ? "This link has expired" : "This link is not valid",
                        "<p>Reply to your school safety office, or acknowledge in the platform.</p>"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title></head><body><h1>" + esc(title) + "</h1>" + body
                + "</body></html>";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
