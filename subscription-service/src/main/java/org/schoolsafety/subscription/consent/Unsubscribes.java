package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.directory.EndpointView;
import org.springframework.stereotype.Service;

/**
 * Unsubscribing from one feed with the link in a weekly update or an advisory (and its {@code List-Unsubscribe}
 * header, RFC 8058 one-click). delivery-service signs a token per recipient and feed: purpose
 * {@value #PURPOSE}, subject {@code <endpointId>:<FEED>}. Only the weekly update and cyber advisories can be left
 * this way; urgent alerts cannot be unsubscribed by a recipient link. Leaving twice is harmless.
 */
@Service
class Unsubscribes {

    static final String PURPOSE = "unsubscribe";
    static final Set<Feed> LEAVABLE = Set.of(Feed.WEEKLY_BULLETIN, Feed.CYBER_ADVISORIES);

    private final EndpointView endpoints;
    private final RecipientChanges changes;
    private final SignedLinks links;
    private final Clock clock = Clock.systemUTC();

    Unsubscribes(EndpointView endpoints, RecipientChanges changes, SignedLinks links) {
        this.endpoints = endpoints;
        this.changes = changes;
        this.links = links;
    }

    /** What a link would unsubscribe: the endpoint, its organisation's name, the feed, and whether it is done. */
    record Subscription(EndpointChanged endpoint, String organisationName, Feed feed) {
        boolean subscribed() {
            return endpoint.feeds().contains(feed);
        }
    }

    /** What the link names, changing nothing (mail scanners open links). */
    Subscription find(String token) {
        String subject;
        try {
            subject = links.verify(PURPOSE, token);
        } catch (SignedLinks.RefusedException e) {
            throw switch (e.refusal()) {
                case EXPIRED ->
                    new Refusal.Gone("This unsubscribe link has expired. Use the link in a more recent message, or ask"
                            + " your district office.");
                case MALFORMED, FORGED ->
                    new Refusal.Invalid("token", "This is not an unsubscribe link of the School Safety Alert Network.");
            };
        }
        int colon = subject.lastIndexOf(':');
        Feed feed = colon < 0 ? null : feed(subject.substring(colon + 1));
        if (feed == null || !LEAVABLE.contains(feed)) {
            throw new Refusal.Invalid("token", "This link does not name a feed that can be left this way.");
        }
        EndpointChanged endpoint = endpoints
                .get(subject.substring(0, colon))
                .filter(e -> !e.removed())
                .orElseThrow(() -> new Refusal.Gone("This address has been removed; it receives nothing."));
        return new Subscription(endpoint, changes.organisationName(endpoint.organisationId()), feed);
    }

    /** Leaves the feed the link names. */
    Subscription leave(String token) {
        Subscription found = find(token);
        if (!found.subscribed()) {
            return found;
        }
        EndpointChanged endpoint = found.endpoint();
        List<Feed> remaining =
                endpoint.feeds().stream().filter(f -> f != found.feed()).toList();
        EndpointChanged changed = new EndpointChanged(
                endpoint.endpointId(),
                endpoint.organisationId(),
                endpoint.channel(),
                endpoint.address(),
                endpoint.role(),
                endpoint.format(),
                endpoint.secrets(),
                remaining,
                endpoint.drills(),
                endpoint.minCyberSeverity(),
                endpoint.verified(),
                endpoint.suppressed(),
                endpoint.removed(),
                Instant.now(clock));
        changes.store("recipient-link", "subscription.left." + found.feed().name(), changed);
        return new Subscription(changed, found.organisationName(), found.feed());
    }

    private static Feed feed(String name) {
        try {
            return Feed.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
