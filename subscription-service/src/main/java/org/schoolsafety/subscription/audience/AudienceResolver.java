package org.schoolsafety.subscription.audience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.subscription.directory.AudienceIndex;
import org.schoolsafety.subscription.directory.DeliveryWindows;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.directory.Severities;
import org.springframework.stereotype.Component;

/**
 * Who receives a notification: every endpoint subscribed to its feed, verified and not removed, whose
 * organisation is open and in the audience (statewide, or at or below a listed region, county or
 * organisation; of a listed kind; with a listed role), and which the notification may reach:
 * <ul>
 *   <li>drills (CAP Exercise/Test) only to endpoints that opted in;
 *   <li>SMS numbers that replied STOP receive urgent alerts only, and no drills;
 *   <li>cyber advisories only at or above the endpoint's minimum severity;
 *   <li>TLP:RED never (it goes to named people, not lists or webhooks); TLP:AMBER+STRICT only to the listed
 *       organisations themselves, not below them; and an advisory only to organisations whose TLP clearance
 *       reaches its marking (GREEN unless the state administrator cleared it for AMBER or AMBER+STRICT).
 * </ul>
 * Reads the {@link AudienceIndex} in this instance's memory, not Redis; the result is in endpoint
 * id order, so a replay produces the same requests. Each recipient carries its organisation's name and, on the bulk
 * lane, its delivery window ({@link DeliveryWindows}).
 */
@Component
class AudienceResolver {

    private final AudienceIndex index;
    private final DeliveryWindows deliveryWindows;

    AudienceResolver(AudienceIndex index, DeliveryWindows deliveryWindows) {
        this.index = index;
        this.deliveryWindows = deliveryWindows;
    }

    List<Recipient> resolve(NotificationRequested notification) {
        if (notification.tlp() == Tlp.RED) {
            return List.of();
        }
        Audience audience = notification.audience();
        List<EndpointChanged> candidates = new ArrayList<>();
        for (EndpointChanged endpoint : index.subscribedTo(notification.feed())) {
            if (reachable(endpoint, notification)) {
                candidates.add(endpoint);
            }
        }
        Map<String, Organisation> organisations = index.organisations();
        Map<String, DeliveryWindow> windows = new HashMap<>();
        List<EndpointChanged> audienceEndpoints = new ArrayList<>();
        for (EndpointChanged endpoint : candidates) {
            Organisation organisation = organisations.get(endpoint.organisationId());
            if (organisation != null
                    && !organisation.closed()
                    && (notification.feed() != Feed.CYBER_ADVISORIES
                            || OrganisationChanged.cleared(organisation.tlpClearance(), notification.tlp()))
                    && (audience.organisationKinds().isEmpty()
                            || audience.organisationKinds().contains(organisation.kind()))
                    && inAudience(organisation, organisations, audience, notification.tlp())) {
                audienceEndpoints.add(endpoint);
            }
        }
        audienceEndpoints.sort(Comparator.comparing(EndpointChanged::endpointId));
        List<Recipient> recipients = new ArrayList<>(audienceEndpoints.size());
        for (EndpointChanged endpoint : audienceEndpoints) {
            String organisationId = endpoint.organisationId();
            DeliveryWindow window = notification.lane() == Lane.BULK
                    ? windows.computeIfAbsent(organisationId, id -> deliveryWindows.of(id, organisations))
                    : null; // urgent alerts are never held
            recipients.add(
                    new Recipient(endpoint, organisations.get(organisationId).name(), window));
        }
        return recipients;
    }

    private static boolean reachable(EndpointChanged endpoint, NotificationRequested notification) {
        Audience audience = notification.audience();
        return endpoint.verified()
                && !endpoint.removed()
                && endpoint.feeds().contains(notification.feed())
                && !(endpoint.suppressed() && (notification.feed() != Feed.URGENT_ALERTS || notification.drill()))
                && (!notification.drill() || endpoint.drills())
                && (audience.roles().isEmpty()
                        || (endpoint.role() != null && audience.roles().contains(endpoint.role())))
                && (audience.channels().isEmpty() || audience.channels().contains(endpoint.channel()))
                && severe(notification, endpoint);
    }

    private static boolean severe(NotificationRequested notification, EndpointChanged endpoint) {
        if (notification.feed() != Feed.CYBER_ADVISORIES
                || notification.severity() == null
                || endpoint.minCyberSeverity() == null) {
            return true;
        }
        return Severities.atLeast(notification.severity(), endpoint.minCyberSeverity());
    }

    private static boolean inAudience(
            Organisation organisation, Map<String, Organisation> organisations, Audience audience, Tlp tlp) {
        if (tlp == Tlp.AMBER_STRICT) {
            return audience.organisationIds().contains(organisation.id());
        }
        if (audience.statewide()) {
            return true;
        }
        return DirectoryView.chain(organisation.id(), organisations).stream()
                .anyMatch(at -> audience.organisationIds().contains(at.id())
                        || audience.regionIds().contains(at.id())
                        || (at.countyFips() != null && audience.countyFips().contains(at.countyFips())));
    }
}
