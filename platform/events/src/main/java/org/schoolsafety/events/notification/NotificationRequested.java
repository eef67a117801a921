package org.schoolsafety.events.notification;

import java.time.Instant;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * A producer (alert, bulletin or cyber-threat service) asks for a message to reach an audience on a feed.
 * subscription-service resolves the audience and emits one delivery request per endpoint.
 *
 * <p>Topic {@code notifications}; key {@code notificationId}.
 *
 * @param notificationId unique id; delivery ids are derived from it, so a replay never sends twice
 * @param feed the feed endpoints subscribe to
 * @param lane urgent or bulk
 * @param sourceType {@code alert}, {@code bulletin} or {@code advisory}
 * @param sourceId id of the alert, bulletin or advisory
 * @param drill {@code true} for CAP {@code Exercise}/{@code Test}: only endpoints that opted in receive it
 * @param tlp TLP marking, or {@code null} where none applies
 * @param severity cyber advisories: {@code low}, {@code medium}, {@code high} or {@code critical}, compared with
 *     each endpoint's minimum; {@code null} otherwise
 * @param audience who it is for
 * @param message what to say
 * @param requestedAt when it was asked for
 */
public record NotificationRequested(
        String notificationId,
        Feed feed,
        Lane lane,
        String sourceType,
        String sourceId,
        boolean drill,
        Tlp tlp,
        String severity,
        Audience audience,
        Message message,
        Instant requestedAt)
        implements NotificationEvent {

    public NotificationRequested {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
