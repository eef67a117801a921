package org.schoolsafety.subscription.consent;

import org.schoolsafety.events.delivery.Channel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a verification email links to. Opening it changes nothing (mail scanners open links); pressing
 * Confirm, a POST to the same address, verifies the endpoint. The signed token in the path is the only
 * authorisation, so these paths are public. Bad, expired or dead links are problem details.
 */
@RestController
class VerificationController {

    private final Verifications verifications;

    VerificationController(Verifications verifications) {
        this.verifications = verifications;
    }

    @GetMapping("/public/verifications/{token}")
    ResponseEntity<String> ask(@PathVariable String token) {
        Verifications.Pending pending = verifications.pending(token);
        String body = pending.endpoint().verified()
                ? "<p>" + address(pending) + " is already confirmed for school safety messages for "
                        + organisation(pending) + ".</p>"
                : "<p>Send school safety messages for " + organisation(pending) + " to " + address(pending)
                        + "?</p><form method=\"post\"><button type=\"submit\">Confirm</button></form>";
        return page("Confirm school safety messages", body);
    }

    @PostMapping("/public/verifications/{token}")
    ResponseEntity<String> confirm(@PathVariable String token) {
        Verifications.Pending confirmed = verifications.confirm(token);
        return page(
                "Confirmed",
                "<p>Confirmed. School safety messages for " + organisation(confirmed) + " will reach "
                        + address(confirmed) + ".</p>");
    }

    private static String organisation(Verifications.Pending pending) {
        return "<strong>" + HtmlUtils.htmlEscape(pending.organisationName()) + "</strong>";
    }

    private static String address(Verifications.Pending pending) {
        return pending.endpoint().channel() == Channel.EMAIL
                ? "<strong>" + HtmlUtils.htmlEscape(pending.endpoint().address()) + "</strong>"
                : "this endpoint";
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                        + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title)
                        + "</h1>" + body + "</body></html>");
    }
}
