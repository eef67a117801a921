package org.schoolsafety.subscription.audience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Feed;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.notification.Tlp;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.endpoint.EndpointView;
import org.springframework.stereotype.Component;

/**
 * Who receives a notification: every endpoint subscribed to its feed, verified and not removed, whose
 * organisation is open and in the audience (statewide, or at or below a listed region, county or
 * organisation; of a listed kind; with a listed role), and which the notification may reach:
 * <ul>
 *   <li>drills (CAP Exercise/Test) only to endpoints that opted in;
 *   <li>SMS numbers that replied STOP receive urgent alerts only;
 *   <li>cyber advisories only at or above the endpoint's minimum severity;
 *   <li>TLP:RED never (it goes to named people, not lists or webhooks); TLP:AMBER+STRICT only to the listed
 *       organisations themselves, not below them.
 * </ul>
 * Reads the audience index and the organisations from Redis in a few round trips; the result is in endpoint
 * id order, so a replay produces the same requests.
 */
@Component
public class AudienceResolver {

    static final List<String> SEVERITY_ORDER = List.of("low", "medium", "high", "critical");
    private static final int MAX_DEPTH = 8;

    private final EndpointView endpoints;
    private final DirectoryView directory;

    AudienceResolver(EndpointView endpoints, DirectoryView directory) {
        this.endpoints = endpoints;
        this.directory = directory;
    }

    public List<EndpointChanged> resolve(NotificationRequested notification) {
        if (notification.tlp() == Tlp.RED) {
            return List.of();
        }
        Audience audience = notification.audience();
        List<EndpointChanged> candidates = new ArrayList<>();
        for (EndpointChanged endpoint : endpoints.subscribedTo(notification.feed())) {
            if (reachable(endpoint, notification)) {
                candidates.add(endpoint);
            }
        }
        Map<String, Organisation> organisations = chains(candidates);
        List<EndpointChanged> audienceEndpoints = new ArrayList<>();
        for (EndpointChanged endpoint : candidates) {
            Organisation organisation = organisations.get(endpoint.organisationId());
            if (organisation != null
                    && !organisation.closed()
                    && (audience.organisationKinds().isEmpty()
                            || audience.organisationKinds().contains(organisation.kind()))
                    && inAudience(organisation, organisations, audience, notification.tlp())) {
                audienceEndpoints.add(endpoint);
            }
        }
        audienceEndpoints.sort(Comparator.comparing(EndpointChanged::endpointId));
        return audienceEndpoints;
    }

    private static boolean reachable(EndpointChanged endpoint, NotificationRequested notification) {
        Audience audience = notification.audience();
        return endpoint.verified()
                && !endpoint.removed()
                && endpoint.feeds().contains(notification.feed())
                && !(endpoint.suppressed() && notification.feed() != Feed.URGENT_ALERTS)
                && (!notification.drill() || endpoint.drills())
                && (audience.roles().isEmpty()
                        || (endpoint.role() != null && audience.roles().contains(endpoint.role())))
                && severe(notification, endpoint);
    }

    private static boolean severe(NotificationRequested notification, EndpointChanged endpoint) {
        if (notification.feed() != Feed.CYBER_ADVISORIES
                || notification.severity() == null
                || endpoint.minCyberSeverity() == null) {
            return true;
        }
        return SEVERITY_ORDER.indexOf(notification.severity()) >= SEVERITY_ORDER.indexOf(endpoint.minCyberSeverity());
    }

    private static boolean inAudience(
            Organisation organisation, Map<String, Organisation> organisations, Audience audience, Tlp tlp) {
        if (tlp == Tlp.AMBER_STRICT) {
            return audience.organisationIds().contains(organisation.id());
        }
        if (audience.statewide()) {
            return true;
        }
        Organisation at = organisation;
        for (int depth = 0; at != null && depth < MAX_DEPTH; depth++) {
            if (audience.organisationIds().contains(at.id())
                    || audience.regionIds().contains(at.id())
                    || (at.countyFips() != null && audience.countyFips().contains(at.countyFips()))) {
                return true;
            }
            at = at.parentId() == null ? null : organisations.get(at.parentId());
        }
        return false;
    }

    /** The endpoints' organisations and all their ancestors, one Redis round trip per level. */
    private Map<String, Organisation> chains(List<EndpointChanged> endpoints) {
        Map<String, Organisation> loaded = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        for (EndpointChanged endpoint : endpoints) {
            wanted.add(endpoint.organisationId());
        }
        for (int depth = 0; !wanted.isEmpty() && depth < MAX_DEPTH; depth++) {
            Set<String> parents = new HashSet<>();
            for (Organisation organisation : directory.getAll(wanted)) {
                loaded.put(organisation.id(), organisation);
                if (organisation.parentId() != null && !loaded.containsKey(organisation.parentId())) {
                    parents.add(organisation.parentId());
                }
            }
            wanted = parents;
        }
        return loaded;
    }
}
