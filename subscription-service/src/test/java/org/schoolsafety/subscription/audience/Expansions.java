package org.schoolsafety.subscription.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.subscription.TopicRecords;
import org.schoolsafety.subscription.directory.EndpointView;

/** Fixtures of the bulk-lane tests: endpoints as the directory holds them, notifications in, expansions out. */
final class Expansions {

    private final EventPublisher publisher;
    private final EndpointView endpoints;
    private final String bootstrap;

    Expansions(EventPublisher publisher, EndpointView endpoints, String bootstrap) {
        this.publisher = publisher;
        this.endpoints = endpoints;
        this.bootstrap = bootstrap;
    }

    /** One expansion as a read-committed consumer sees it: its requests and its count. */
    record Expansion(List<DeliveryRequested> requests, NotificationExpanded expanded) {
        List<String> endpointIds() {
            return requests.stream().map(DeliveryRequested::endpointId).toList();
        }

        DeliveryRequested to(String endpointId) {
            return requests.stream()
                    .filter(r -> r.endpointId().equals(endpointId))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no request to " + endpointId + " in " + endpointIds()));
        }
    }

    /** A verified endpoint on the {@code directory} topic and in this instance's views. */
    String endpoint(String id, String organisation, Channel channel, String address, List<Feed> feeds)
            throws Exception {
        Instant now = Instant.now();
        EndpointChanged endpoint = new EndpointChanged(
                id,
                organisation,
                channel,
                address,
                null,
                channel == Channel.WEBHOOK ? PayloadFormat.JSON : null,
                channel == Channel.WEBHOOK
                        ? List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now, null))
                        : List.of(),
                feeds,
                false,
                null,
                true,
                false,
                false,
                now);
        long offset = publisher
                .publish(Topics.DIRECTORY, id, endpoint)
                .get()
                .getRecordMetadata()
                .offset();
        endpoints.apply(endpoint, offset);
        return id;
    }

    static NotificationRequested notification(String id, Feed feed, Lane lane, Audience audience) {
        return new NotificationRequested(
                id,
                feed,
                lane,
                feed == Feed.WEEKLY_BULLETIN ? "bulletin" : "alert",
                "source-" + id,
                false,
                null,
                null,
                audience,
                new Message(
                        "Test " + id,
                        "Hello " + Message.ORGANISATION_NAME + ", " + id,
                        "<p>" + id + "</p>",
                        null,
                        "SMS " + id),
                Instant.now());
    }

    void publish(NotificationRequested notification) throws Exception {
        publisher
                .publish(Topics.NOTIFICATIONS, notification.notificationId(), notification)
                .get();
    }

    Expansion expand(NotificationRequested notification) throws Exception {
        publish(notification);
        return await(notification.notificationId(), Duration.ofSeconds(60));
    }

    /** Waits for the notification's expansion, read committed: its count and every request it counts. */
    Expansion await(String notificationId, Duration atMost) {
        AtomicReference<Expansion> found = new AtomicReference<>();
        Awaitility.await(notificationId + " expanded")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Expansion now = read(notificationId);
                    boolean complete = now.expanded() != null
                            && now.requests().size() >= now.expanded().expected();
                    if (complete) {
                        found.set(now);
                    }
                    return complete;
                });
        return found.get();
    }

    /** What a read-committed consumer sees of the notification's expansion now ({@code expanded} null: no count yet). */
    Expansion read(String notificationId) {
        List<DeliveryRequested> requests = new ArrayList<>();
        NotificationExpanded expanded = null;
        for (Object value : TopicRecords.readAll(
                bootstrap,
                "read_committed",
                List.of(
                        Topics.DELIVERY_REQUESTS_URGENT.name(),
                        Topics.DELIVERY_REQUESTS_BULK.name(),
                        Topics.NOTIFICATIONS.name()))) {
            if (value instanceof DeliveryRequested request
                    && request.notificationId().equals(notificationId)) {
                requests.add(request);
            } else if (value instanceof NotificationExpanded count
                    && count.notificationId().equals(notificationId)) {
                expanded = count;
            }
        }
        return new Expansion(requests, expanded);
    }
}
