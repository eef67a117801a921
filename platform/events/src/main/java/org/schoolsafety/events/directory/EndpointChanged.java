package org.schoolsafety.events.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.Feed;

/**
 * The current state of one endpoint (an email address, an SMS number or a webhook) of an organisation, with
 * its subscriptions: produced by subscription-service on every change. On the compacted {@code directory}
 * topic keyed by {@code endpointId}. Carries personal data (addresses) and webhook secrets: only
 * subscription-service and delivery-service read this topic.
 *
 * @param endpointId platform id, e.g. {@code ep-...}
 * @param organisationId the organisation it belongs to
 * @param channel email, SMS or webhook
 * @param address the email address, the E.164 number, or the HTTPS URL
 * @param role who is behind it, or {@code null}
 * @param format webhooks: the body format; {@code null} for email and SMS
 * @param secrets webhooks: signing secrets, the current one first; empty for email and SMS
 * @param feeds the feeds it is subscribed to
 * @param drills whether it also receives exercises and tests (CAP {@code Exercise}/{@code Test})
 * @param minCyberSeverity lowest advisory severity it wants ({@code low} … {@code critical}), {@code null} for all
 * @param verified consent and reachability are proven (double opt-in, SMS opt-in, signed test delivery)
 * @param suppressed an SMS number that replied STOP: no non-emergency feed reaches it
 * @param removed the endpoint was removed; kept so deliveries that named it still resolve
 * @param changedAt when this state took effect
 */
public record EndpointChanged(
        String endpointId,
        String organisationId,
        Channel channel,
        String address,
        EndpointRole role,
        PayloadFormat format,
        List<WebhookSecret> secrets,
        List<Feed> feeds,
        boolean drills,
        String minCyberSeverity,
        boolean verified,
        boolean suppressed,
        boolean removed,
        Instant changedAt)
        implements DirectoryEvent {

    public EndpointChanged {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(changedAt, "changedAt");
        secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
        feeds = List.copyOf(Objects.requireNonNull(feeds, "feeds"));
    }

    /** This endpoint, verified or not, as changed at {@code at}. */
    public EndpointChanged withVerified(boolean nowVerified, Instant at) {
        return withConsent(nowVerified, suppressed, at);
    }

    /** This endpoint, suppressed (STOP) or not, as changed at {@code at}. */
    public EndpointChanged withSuppressed(boolean nowSuppressed, Instant at) {
        return withConsent(verified, nowSuppressed, at);
    }

    private EndpointChanged withConsent(boolean nowVerified, boolean nowSuppressed, Instant at) {
        return new EndpointChanged(
                endpointId,
                organisationId,
                channel,
                address,
                role,
                format,
                secrets,
                feeds,
                drills,
                minCyberSeverity,
                nowVerified,
                nowSuppressed,
                removed,
                at);
    }

    /** Keeps addresses and secrets out of logs. */
    @Override
    public String toString() {
        return "EndpointChanged[" + endpointId + " of " + organisationId + ", " + channel + ", feeds=" + feeds
                + ", verified=" + verified + ", suppressed=" + suppressed + ", removed=" + removed + "]";
    }
}
