package org.schoolsafety.subscription.endpoint;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.subscription.consent.Verifications;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.Scope;
import org.schoolsafety.subscription.store.DirectoryTopic;
import org.springframework.stereotype.Service;

/**
 * Adding, changing and removing an organisation's endpoints and their subscriptions. Only people who look
 * after the organisation (its district or school administrators, or the state's directory administrator)
 * change them. Every change is stored on the {@code directory} topic before it is reported, and audited
 * without the address. A new endpoint starts unverified: it receives nothing but its verification.
 */
@Service
public class EndpointCommands {

    /** Advisory severities, lowest first. */
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final Scope scope;
    private final DirectoryTopic topic;
    private final WebhookProperties webhooks;
    private final Verifications verifications;
    private final Clock clock = Clock.systemUTC();

    EndpointCommands(
            EndpointView endpoints,
            DirectoryView directory,
            Scope scope,
            DirectoryTopic topic,
            WebhookProperties webhooks,
            Verifications verifications) {
        this.endpoints = endpoints;
        this.directory = directory;
        this.scope = scope;
        this.topic = topic;
        this.webhooks = webhooks;
        this.verifications = verifications;
    }

    /** What a caller asks for when adding or changing an endpoint; {@code null} leaves a setting as it is. */
    public record Settings(String role, String format, List<String> feeds, Boolean drills, String minCyberSeverity) {}

    /**
     * A new endpoint, and for a webhook its signing secret, which is shown only now; and whether its verification
     * is on its way (if the broker did not confirm it, the keeper asks again).
     */
    public record Added(EndpointChanged endpoint, String secret, boolean verificationSent) {}

    public Added add(Caller caller, String organisationId, String channelName, String address, Settings settings) {
        var organisation = directory
                .get(organisationId)
                .filter(o -> scope.reaches(caller, o.id()))
                .orElseThrow(() -> ApiProblem.notFound(
                        "There is no organisation " + organisationId + " in your part of the directory."));
        requireKeeper(caller);
        if (organisation.closed()) {
            throw ApiProblem.conflict(null, organisationId + " is closed.");
        }
        Channel channel = channel(channelName);
        String normalised = switch (channel) {
            case EMAIL -> Addresses.email(address);
            case SMS -> Addresses.phone(address);
            case WEBHOOK -> Addresses.webhook(address, webhooks.allowedHosts());
        };
        if (endpoints.withAddress(organisationId, channel.name(), normalised).isPresent()) {
            throw ApiProblem.conflict(
                    "address",
                    "This organisation already has that " + channel.name().toLowerCase(Locale.ROOT) + " endpoint.");
        }
        Instant now = Instant.now(clock);
        String secret = channel == Channel.WEBHOOK ? newSecret() : null;
        // a number that replied STOP stays stopped when another organisation adds it
        boolean stopped = channel == Channel.SMS
                && endpoints.atAddress(Channel.SMS, normalised).stream().anyMatch(EndpointChanged::suppressed);
        EndpointChanged endpoint = new EndpointChanged(
                "ep-" + UUID.randomUUID(),
                organisationId,
                channel,
                normalised,
                role(settings.role()),
                format(channel, settings.format()),
                secret == null ? List.of() : List.of(new WebhookSecret(secret, now, null)),
                settings.feeds() == null ? List.of(Feed.URGENT_ALERTS) : feeds(settings.feeds()),
                Boolean.TRUE.equals(settings.drills()),
                severity(settings.minCyberSeverity()),
                false,
                stopped,
                false,
                now);
        store(caller, "endpoint.added", endpoint);
        return new Added(endpoint, secret, verifications.send(endpoint));
    }

    /** New subscriptions or settings; the address never changes (a new address is a new endpoint). */
    public EndpointChanged change(Caller caller, String endpointId, Settings settings) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        List<Feed> feeds = settings.feeds() == null ? current.feeds() : feeds(settings.feeds());
        if (current.feeds().contains(Feed.URGENT_ALERTS) && !feeds.contains(Feed.URGENT_ALERTS)) {
            requireAnotherUrgentEndpoint(current);
        }
        EndpointChanged changed = new EndpointChanged(
                current.endpointId(),
                current.organisationId(),
                current.channel(),
                current.address(),
                settings.role() == null ? current.role() : role(settings.role()),
                settings.format() == null ? current.format() : format(current.channel(), settings.format()),
                current.secrets(),
                feeds,
                settings.drills() == null ? current.drills() : settings.drills(),
                settings.minCyberSeverity() == null
                        ? current.minCyberSeverity()
                        : severity(settings.minCyberSeverity()),
                current.verified(),
                current.suppressed(),
                false,
                Instant.now(clock));
        store(caller, "endpoint.changed", changed);
        return changed;
    }

    /** Removes an endpoint; an organisation keeps at least one endpoint for urgent alerts. */
    public EndpointChanged remove(Caller caller, String endpointId) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        if (current.feeds().contains(Feed.URGENT_ALERTS)) {
            requireAnotherUrgentEndpoint(current);
        }
        EndpointChanged removed = new EndpointChanged(
                current.endpointId(),
                current.organisationId(),
                current.channel(),
                current.address(),
                current.role(),
                current.format(),
                List.of(),
                List.of(),
                false,
                current.minCyberSeverity(),
                current.verified(),
                current.suppressed(),
                true,
                Instant.now(clock));
        store(caller, "endpoint.removed", removed);
        return removed;
    }

    /**
     * A new signing secret for a webhook. The previous current secret keeps signing for {@code overlap} (so the
     * receiver can switch without missing a delivery); secrets whose overlap has ended are dropped.
     */
    public Added rotateSecret(Caller caller, String endpointId, Duration overlap) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        if (current.channel() != Channel.WEBHOOK) {
            throw ApiProblem.conflict(null, "Only webhook endpoints have signing secrets.");
        }
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiProblem.invalid(
                    "overlapHours", "The overlap is between 0 and " + MAX_OVERLAP.toHours() + " hours.");
        }
        Instant now = Instant.now(clock);
        String secret = newSecret();
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(new WebhookSecret(secret, now, null));
        for (WebhookSecret old : current.secrets()) {
            Instant expires = old.expiresAt() == null ? now.plus(overlap) : old.expiresAt();
            if (expires.isAfter(now)) {
                secrets.add(new WebhookSecret(old.secret(), old.createdAt(), expires));
            }
        }
        EndpointChanged rotated = new EndpointChanged(
                current.endpointId(),
                current.organisationId(),
                current.channel(),
                current.address(),
                current.role(),
                current.format(),
                secrets,
                current.feeds(),
                current.drills(),
                current.minCyberSeverity(),
                current.verified(),
                current.suppressed(),
                false,
                now);
        store(caller, "endpoint.secret.rotated", rotated);
        return new Added(rotated, secret, false);
    }

    /** Sends an unverified endpoint its verification again (a new link, a new test delivery). */
    public boolean resendVerification(Caller caller, String endpointId) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        if (current.verified()) {
            throw ApiProblem.conflict(null, endpointId + " is already verified.");
        }
        topic.audit(caller, "endpoint.verification.sent", endpointId, Instant.now(clock));
        return verifications.send(current);
    }

    /** The endpoint, if it exists, is not removed, and the caller's organisation reaches its organisation. */
    public EndpointChanged existing(Caller caller, String endpointId) {
        return endpoints
                .get(endpointId)
                .filter(e -> !e.removed() && scope.reaches(caller, e.organisationId()))
                .orElseThrow(() ->
                        ApiProblem.notFound("There is no endpoint " + endpointId + " in your part of the directory."));
    }

    private void requireAnotherUrgentEndpoint(EndpointChanged leaving) {
        boolean another = endpoints.ofOrganisation(leaving.organisationId()).stream()
                .anyMatch(e -> !e.removed()
                        && !e.endpointId().equals(leaving.endpointId())
                        && e.feeds().contains(Feed.URGENT_ALERTS));
        if (!another) {
            throw ApiProblem.conflict(
                    "feeds",
                    "Urgent alerts cannot be turned off for a whole organisation: add another endpoint for urgent"
                            + " alerts first.");
        }
    }

    private static void requireKeeper(Caller caller) {
        if (!caller.hasAnyRole(Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR)) {
            throw ApiProblem.forbidden("Only an organisation's administrators change its endpoints.");
        }
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("channel", "channel is EMAIL, SMS or WEBHOOK.");
        }
    }

    private static EndpointRole role(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return EndpointRole.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("role", "role is one of " + EnumSet.allOf(EndpointRole.class) + ".");
        }
    }

    private static PayloadFormat format(Channel channel, String name) {
        if (channel != Channel.WEBHOOK) {
            if (name != null && !name.isBlank()) {
                throw ApiProblem.invalid("format", "Only webhooks have a payload format.");
            }
            return null;
        }
        if (name == null || name.isBlank()) {
            return PayloadFormat.JSON;
        }
        try {
            return PayloadFormat.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("format", "format is JSON or CAP_XML.");
        }
    }

    private static List<Feed> feeds(List<String> names) {
        Set<Feed> feeds = new LinkedHashSet<>();
        for (String name : names) {
            Feed feed;
            try {
                feed = Feed.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                feed = Feed.VERIFICATION;
            }
            if (feed == Feed.VERIFICATION) {
                throw ApiProblem.invalid("feeds", "feeds are URGENT_ALERTS, WEEKLY_BULLETIN and CYBER_ADVISORIES.");
            }
            feeds.add(feed);
        }
        return List.copyOf(feeds);
    }

    private static String severity(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(lower)) {
            throw ApiProblem.invalid("minCyberSeverity", "minCyberSeverity is low, medium, high or critical.");
        }
        return lower;
    }

    /** {@code whsec_} and the base64 of 32 random bytes (Standard Webhooks). */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private void store(Caller caller, String action, EndpointChanged endpoint) {
        endpoints.apply(endpoint, topic.append(endpoint.endpointId(), endpoint));
        topic.audit(caller, action, endpoint.endpointId(), endpoint.changedAt());
    }
}
