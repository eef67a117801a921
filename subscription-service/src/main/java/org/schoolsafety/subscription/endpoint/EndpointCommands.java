package org.schoolsafety.subscription.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.platform.security.WebhookTargets;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.consent.Verifications;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.EndpointView;
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
class EndpointCommands {

    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final Scope scope;
    private final DirectoryTopic topic;
    private final WebhookTargets webhooks;
    private final Verifications verifications;
    private final Clock clock = Clock.systemUTC();

    EndpointCommands(
            EndpointView endpoints,
            DirectoryView directory,
            Scope scope,
            DirectoryTopic topic,
            WebhookTargets webhooks,
            Verifications verifications) {
        this.endpoints = endpoints;
        this.directory = directory;
        this.scope = scope;
        this.topic = topic;
        this.webhooks = webhooks;
        this.verifications = verifications;
    }

    /** What a caller asks for when adding or changing an endpoint; {@code null} leaves a setting as it is. */
    record Settings(String role, String format, List<String> feeds, Boolean drills, String minCyberSeverity) {}

    /**
     * A new endpoint, and for a webhook its signing secret, which is shown only now; and whether its verification
     * is on its way (if the broker did not confirm it, the keeper asks again).
     */
    record Added(EndpointChanged endpoint, String secret, boolean verificationSent) {}

    Added add(Caller caller, String organisationId, String channelName, String address, Settings settings) {
        var organisation = directory
                .get(organisationId)
                .filter(o -> scope.reaches(caller, o.id()))
                .orElseThrow(() -> new Refusal.NotFound(
                        "There is no organisation " + organisationId + " in your part of the directory."));
        requireKeeper(caller);
        if (organisation.closed()) {
            throw new Refusal.Conflict(null, organisationId + " is closed.");
        }
        Channel channel = EndpointInput.channel(channelName);
        String normalised = switch (channel) {
            case EMAIL -> Addresses.email(address);
            case SMS -> Addresses.phone(address);
            case WEBHOOK -> Addresses.webhook(address, webhooks);
        };
        if (endpoints.withAddress(organisationId, channel.name(), normalised).isPresent()) {
            throw new Refusal.Conflict(
                    "address",
                    "This organisation already has that " + channel.name().toLowerCase(Locale.ROOT) + " endpoint.");
        }
        Instant now = Instant.now(clock);
        String secret = channel == Channel.WEBHOOK ? WebhookSecrets.newSecret() : null;
        // a number that replied STOP stays stopped when another organisation adds it
        boolean stopped = channel == Channel.SMS
                && endpoints.atAddress(Channel.SMS, normalised).stream().anyMatch(EndpointChanged::suppressed);
        EndpointChanged endpoint = new EndpointChanged(
                "ep-" + UUID.randomUUID(),
                organisationId,
                channel,
                normalised,
                EndpointInput.role(settings.role()),
                EndpointInput.format(channel, settings.format()),
                secret == null ? List.of() : List.of(new WebhookSecret(secret, now, null)),
                settings.feeds() == null ? List.of(Feed.URGENT_ALERTS) : EndpointInput.feeds(settings.feeds()),
                Boolean.TRUE.equals(settings.drills()),
                EndpointInput.severity(settings.minCyberSeverity()),
                false,
                stopped,
                false,
                now);
        store(caller, "endpoint.added", endpoint);
        return new Added(endpoint, secret, verifications.send(endpoint));
    }

    /** New subscriptions or settings; the address never changes (a new address is a new endpoint). */
    EndpointChanged change(Caller caller, String endpointId, Settings settings) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        List<Feed> feeds = settings.feeds() == null ? current.feeds() : EndpointInput.feeds(settings.feeds());
        if (current.feeds().contains(Feed.URGENT_ALERTS) && !feeds.contains(Feed.URGENT_ALERTS)) {
            requireAnotherUrgentEndpoint(current);
        }
        EndpointChanged changed = new EndpointChanged(
                current.endpointId(),
                current.organisationId(),
                current.channel(),
                current.address(),
                settings.role() == null ? current.role() : EndpointInput.role(settings.role()),
                settings.format() == null
                        ? current.format()
                        : EndpointInput.format(current.channel(), settings.format()),
                current.secrets(),
                feeds,
                settings.drills() == null ? current.drills() : settings.drills(),
                settings.minCyberSeverity() == null
                        ? current.minCyberSeverity()
                        : EndpointInput.severity(settings.minCyberSeverity()),
                current.verified(),
                current.suppressed(),
                false,
                Instant.now(clock));
        store(caller, "endpoint.changed", changed);
        return changed;
    }

    /** Removes an endpoint; an organisation keeps at least one endpoint for urgent alerts. */
    EndpointChanged remove(Caller caller, String endpointId) {
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
    Added rotateSecret(Caller caller, String endpointId, Duration overlap) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        if (current.channel() != Channel.WEBHOOK) {
            throw new Refusal.Conflict(null, "Only webhook endpoints have signing secrets.");
        }
        if (overlap.isNegative() || overlap.compareTo(WebhookSecrets.MAX_OVERLAP) > 0) {
            throw new Refusal.Invalid(
                    "overlapHours", "The overlap is between 0 and " + WebhookSecrets.MAX_OVERLAP.toHours() + " hours.");
        }
        Instant now = Instant.now(clock);
        String secret = WebhookSecrets.newSecret();
        List<WebhookSecret> secrets = WebhookSecrets.rotated(current.secrets(), secret, now, overlap);
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
    boolean resendVerification(Caller caller, String endpointId) {
        EndpointChanged current = existing(caller, endpointId);
        requireKeeper(caller);
        if (current.verified()) {
            throw new Refusal.Conflict(null, endpointId + " is already verified.");
        }
        topic.audit(caller, "endpoint.verification.sent", endpointId, Instant.now(clock));
        return verifications.send(current);
    }

    /** The endpoint, if it exists, is not removed, and the caller's organisation reaches its organisation. */
    EndpointChanged existing(Caller caller, String endpointId) {
        return endpoints
                .get(endpointId)
                .filter(e -> !e.removed() && scope.reaches(caller, e.organisationId()))
                .orElseThrow(() ->
                        new Refusal.NotFound("There is no endpoint " + endpointId + " in your part of the directory."));
    }

    private void requireAnotherUrgentEndpoint(EndpointChanged leaving) {
        boolean another = endpoints.ofOrganisation(leaving.organisationId()).stream()
                .anyMatch(e -> !e.removed()
                        && !e.endpointId().equals(leaving.endpointId())
                        && e.feeds().contains(Feed.URGENT_ALERTS));
        if (!another) {
            throw new Refusal.Conflict(
                    "feeds",
                    "Urgent alerts cannot be turned off for a whole organisation: add another endpoint for urgent"
                            + " alerts first.");
        }
    }

    private static void requireKeeper(Caller caller) {
        if (!caller.hasAnyRole(Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR)) {
            throw new Refusal.NotAllowed("Only an organisation's administrators change its endpoints.");
        }
    }

    private void store(Caller caller, String action, EndpointChanged endpoint) {
        endpoints.apply(endpoint, topic.append(endpoint.endpointId(), endpoint));
        topic.audit(caller, action, endpoint.endpointId(), endpoint.changedAt());
    }
}
