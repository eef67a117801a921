package org.schoolsafety.delivery;

import java.time.Instant;
import java.util.List;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.platform.kafka.EventPublisher;

/** Endpoints written to the {@code directory} topic as subscription-service would leave them, for tests. */
public final class TestEndpoints {

    private TestEndpoints() {}

    /** A verified email or SMS endpoint subscribed to urgent alerts and the weekly update. */
    public static void publish(
            EventPublisher publisher, String id, String organisationId, Channel channel, String address)
            throws Exception {
        publish(publisher, verified(id, organisationId, channel, address));
    }

    /** A verified email or SMS endpoint subscribed to urgent alerts and the weekly update, as the directory has it. */
    public static EndpointChanged verified(String id, String organisationId, Channel channel, String address) {
        return endpoint(id, organisationId, channel, address, null, null, true, false, Instant.now());
    }

    /** A webhook signed with {@code secret}. */
    public static void webhook(
            EventPublisher publisher,
            String id,
            String url,
            String secret,
            PayloadFormat format,
            boolean verified,
            boolean removed)
            throws Exception {
        publish(
                publisher,
                endpoint(
                        id,
                        "mo-district-columbia-93",
                        Channel.WEBHOOK,
                        url,
                        format,
                        secret,
                        verified,
                        removed,
                        Instant.now()));
    }

    private static void publish(EventPublisher publisher, EndpointChanged endpoint) throws Exception {
        publisher.publish(Topics.DIRECTORY, endpoint.endpointId(), endpoint).get();
    }

    private static EndpointChanged endpoint(
            String id,
            String organisationId,
            Channel channel,
            String address,
            PayloadFormat format,
            String secret,
            boolean verified,
            boolean removed,
            Instant now) {
        return new EndpointChanged(
                id,
                organisationId,
                channel,
                address,
                null,
                format,
                secret == null ? List.of() : List.of(new WebhookSecret(secret, now, null)),
                List.of(Feed.URGENT_ALERTS, Feed.WEEKLY_BULLETIN),
                false,
                null,
                verified,
                false,
                removed,
                now);
    }
}
