package org.schoolsafety.subscription.consent;

import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages recipients' links open: confirming an address ({@code /public/verifications/{token}}) and leaving a
 * feed ({@code /public/unsubscribe/{token}}, also the target of a mail client's one-click {@code POST}, RFC 8058).
 * Opening a page changes nothing (mail scanners open links); its button, a POST to the same address, acts. The
 * signed token in the path is the only authorisation, so these paths are public. Bad, expired or dead links are
 * problem details.
 */
@RestController
class RecipientLinkController {

    private final EmailVerification verifications;
    private final Unsubscribes unsubscribes;

    RecipientLinkController(EmailVerification verifications, Unsubscribes unsubscribes) {
        this.verifications = verifications;
        this.unsubscribes = unsubscribes;
    }

    @GetMapping("/public/verifications/{token}")
    ResponseEntity<String> ask(@PathVariable String token) {
        EmailVerification.Pending pending = verifications.pending(token);
        String body = pending.endpoint().verified()
                ? "<p>" + address(pending) + " is already confirmed for school safety messages for "
                        + organisation(pending) + ".</p>"
                : "<p>Send school safety messages for " + organisation(pending) + " to " + address(pending)
                        + "?</p><form method=\"post\"><button type=\"submit\">Confirm</button></form>";
        return page("Confirm school safety messages", body);
    }

    @PostMapping("/public/verifications/{token}")
    ResponseEntity<String> confirm(@PathVariable String token) {
        EmailVerification.Pending confirmed = verifications.confirm(token);
        return page(
                "Confirmed",
                "<p>Confirmed. School safety messages for " + organisation(confirmed) + " will reach "
                        + address(confirmed) + ".</p>");
    }

    /** What an unsubscribe link would do; changes nothing (mail scanners open links). */
    @GetMapping("/public/unsubscribe/{token}")
    ResponseEntity<String> askToLeave(@PathVariable String token) {
        Unsubscribes.Subscription found = unsubscribes.find(token);
        String what = feedName(found.feed());
        String body = found.subscribed()
                ? "<p>Stop sending " + what + " for " + organisation(found.organisationName()) + " to "
                        + address(found.endpoint()) + "?</p><p>Urgent safety alerts will still arrive.</p>"
                        + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>"
                : "<p>" + address(found.endpoint()) + " no longer receives " + what + ".</p>";
        return page("Unsubscribe", body);
    }

    /** Leaves the feed: the button on the page, and the mail client's one-click POST (RFC 8058). */
    @PostMapping("/public/unsubscribe/{token}")
    ResponseEntity<String> leave(@PathVariable String token) {
        Unsubscribes.Subscription left = unsubscribes.leave(token);
        return page(
                "Unsubscribed",
                "<p>" + address(left.endpoint()) + " will no longer receive " + feedName(left.feed()) + " for "
                        + organisation(left.organisationName()) + ". Urgent safety alerts will still arrive.</p>");
    }

    private static String feedName(Feed feed) {
        return feed == Feed.WEEKLY_BULLETIN ? "the weekly school safety update" : "cybersecurity advisories";
    }

    private static String organisation(String name) {
        return "<strong>" + HtmlUtils.htmlEscape(name) + "</strong>";
    }

    private static String address(EndpointChanged endpoint) {
        return endpoint.channel() == Channel.EMAIL
                ? "<strong>" + HtmlUtils.htmlEscape(endpoint.address()) + "</strong>"
                : "this endpoint";
    }

    private static String organisation(EmailVerification.Pending pending) {
        return organisation(pending.organisationName());
    }

    private static String address(EmailVerification.Pending pending) {
        return address(pending.endpoint());
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
