package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.directory.EndpointView;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Verifying an email address: a message with a signed link (valid {@value #LINK_DAYS} days); the recipient opens
 * it and presses Confirm (double opt-in: a mail scanner that only fetches the link confirms nothing).
 */
@Component
class EmailVerification {

    static final int LINK_DAYS = 7;

    private final SignedLinks links;
    private final LinkProperties linkProperties;
    private final EndpointView endpoints;
    private final RecipientChanges changes;
    private final Clock clock = Clock.systemUTC();

    EmailVerification(
            SignedLinks links, LinkProperties linkProperties, EndpointView endpoints, RecipientChanges changes) {
        this.links = links;
        this.linkProperties = linkProperties;
        this.endpoints = endpoints;
        this.changes = changes;
    }

    /** What a verification link is about, for the page that asks the recipient to confirm. */
    record Pending(EndpointChanged endpoint, String organisationName) {}

    /** The message with the endpoint's confirmation link. */
    Message message(EndpointChanged endpoint, String organisation) {
        String link = linkProperties.link("/public/verifications/"
                + links.sign(Verifications.PURPOSE, endpoint.endpointId(), Duration.ofDays(LINK_DAYS)));
        String text = "Someone added this address to receive school safety messages for " + organisation
                + " from the School Safety Alert Network.\n\n"
                + "To confirm, open this link and press Confirm:\n" + link + "\n\n"
                + "The link works for " + LINK_DAYS + " days. If you did not expect this message, ignore it: nothing"
                + " will be sent to this address.\n";
        String html = "<p>Someone added this address to receive school safety messages for <strong>"
                + HtmlUtils.htmlEscape(organisation) + "</strong> from the School Safety Alert Network.</p>"
                + "<p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">Confirm this address</a></p>"
                + "<p>The link works for " + LINK_DAYS + " days. If you did not expect this message, ignore it:"
                + " nothing will be sent to this address.</p>";
        return new Message("Confirm school safety messages for " + organisation, text, html);
    }

    /** The endpoint a link names, if the link is good and the endpoint still exists. */
    Pending pending(String token) {
        EndpointChanged endpoint = linked(token);
        return new Pending(endpoint, changes.organisationName(endpoint.organisationId()));
    }

    /** Confirms the endpoint a verification link names (again is fine: nothing changes). */
    Pending confirm(String token) {
        EndpointChanged endpoint = linked(token);
        if (!endpoint.verified()) {
            endpoint = endpoint.withVerified(true, Instant.now(clock));
            changes.store("recipient-link", "endpoint.verified", endpoint);
        }
        return new Pending(endpoint, changes.organisationName(endpoint.organisationId()));
    }

    private EndpointChanged linked(String token) {
        String endpointId;
        try {
            endpointId = links.verify(Verifications.PURPOSE, token);
        } catch (SignedLinks.RefusedException e) {
            throw switch (e.refusal()) {
                case EXPIRED ->
                    new Refusal.Gone("This confirmation link has expired. Ask whoever added your address"
                            + " to send a new one.");
                case MALFORMED, FORGED ->
                    new Refusal.Invalid("token", "This is not a confirmation link of the School Safety Alert Network.");
            };
        }
        return endpoints
                .get(endpointId)
                .filter(e -> !e.removed())
                .orElseThrow(() -> new Refusal.Gone("This address has been removed; there is nothing to confirm."));
    }
}
