package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.subscription.directory.AudienceIndex;
import org.schoolsafety.subscription.directory.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Messages the platform sends one endpoint of its own accord (a verification, a confirmation, help), as
 * {@link Feed#VERIFICATION} delivery requests on the urgent lane: someone is waiting for them.
 */
@Component
class ServiceMessages {

    private static final Logger log = LoggerFactory.getLogger(ServiceMessages.class);

    private final EventPublisher publisher;
    private final AudienceIndex index;
    private final Clock clock = Clock.systemUTC();

    ServiceMessages(EventPublisher publisher, AudienceIndex index) {
        this.publisher = publisher;
        this.index = index;
    }

    /** Sends one service message and says whether the broker took it. */
    boolean request(EndpointChanged endpoint, String notificationId, Message message) {
        DeliveryRequested request = new DeliveryRequested(
                DeliveryIds.of(notificationId, endpoint.endpointId()),
                notificationId,
                endpoint.endpointId(),
                endpoint.organisationId(),
                endpoint.channel(),
                endpoint.address(),
                Lane.URGENT,
                Feed.VERIFICATION,
                message,
                Instant.now(clock),
                organisationName(endpoint.organisationId()),
                null); // urgent lane: never held
        try {
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, endpoint.endpointId(), request)
                    .get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "service message {} to endpoint {} not confirmed by the broker",
                    notificationId,
                    endpoint.endpointId(),
                    e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The organisation's name from this instance's memory (no Redis round trip), {@code null} when unknown. */
    private String organisationName(String organisationId) {
        Organisation organisation = index.organisation(organisationId);
        return organisation == null ? null : organisation.name();
    }
}
