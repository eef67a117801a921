package org.schoolsafety.delivery.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.delivery.Concluded;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends concluded deliveries again: one delivery (a district lost what it received), or every failed delivery
 * of a notification or of an endpoint since a time (after a receiver was mended and verified again). The
 * request goes back on its lane with the same delivery id, so the receiver can tell a repeat
 * ({@code webhook-id}, {@code Message-ID}) and it starts a fresh round of attempts. What can be replayed is what
 * {@link Concluded} still holds: {@code 7} days.
 *
 * <p>State staff reach every delivery; anyone else only deliveries to their organisation and the
 * organisations under it.
 */
@Service
class Redeliveries {

    /** Roles that may replay; the organisation scope applies to all but state staff. */
    static final Role[] REPLAYERS = {
        Role.STATE_BROADCASTER, Role.STATE_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR, Role.SYSTEM
    };

    /** Most deliveries one request replays; a caller asks again with a later {@code since} for more. */
    static final int MOST = 10_000;

    private static final Logger log = LoggerFactory.getLogger(Redeliveries.class);

    private final Concluded concluded;
    private final EndpointDirectory directory;
    private final EventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    Redeliveries(Concluded concluded, EndpointDirectory directory, EventPublisher publisher) {
        this.concluded = concluded;
        this.directory = directory;
        this.publisher = publisher;
    }

    /** What a replay did. */
    record Replayed(int count, List<String> deliveryIds) {}

    /** Sends one concluded delivery again. */
    Replayed one(Caller caller, String deliveryId) {
        allowed(caller);
        DeliveryRequested request = concluded
                .request(deliveryId)
                .filter(r -> reaches(caller, r))
                .orElseThrow(() -> new ReplayRefused.NothingToReplay("No concluded delivery " + deliveryId
                        + " of yours in the last 7 days (a delivery still under way is retried on its own)."));
        return replay(caller, List.of(request));
    }

    /**
     * Sends again every delivery of a notification, or to an endpoint, that failed since {@code since}
     * (default: 7 days ago).
     */
    Replayed failed(Caller caller, String notificationId, String endpointId, Instant since) {
        allowed(caller);
        if ((notificationId == null) == (endpointId == null)) {
            throw new ReplayRefused.Invalid("notificationId", "Name exactly one of notificationId and endpointId.");
        }
        Instant from = since == null ? Instant.now(clock).minus(Duration.ofDays(7)) : since;
        if (from.isAfter(Instant.now(clock))) {
            throw new ReplayRefused.Invalid("since", "since is in the future.");
        }
        List<String> ids = notificationId != null
                ? concluded.failedOfNotification(notificationId, from)
                : concluded.failedOfEndpoint(endpointId, from);
        List<DeliveryRequested> requests = new ArrayList<>();
        for (String id : ids) {
            if (requests.size() == MOST) {
                break;
            }
            concluded.request(id).filter(r -> reaches(caller, r)).ifPresent(requests::add);
        }
        return replay(caller, requests);
    }

    private Replayed replay(Caller caller, List<DeliveryRequested> requests) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (DeliveryRequested request : requests) {
            concluded.forget(request);
            sent.add(publisher.publish(
                    request.lane() == Lane.URGENT ? Topics.DELIVERY_REQUESTS_URGENT : Topics.DELIVERY_REQUESTS_BULK,
                    request.endpointId(),
                    request));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayRefused.NotQueued("The deliveries could not be queued again; nothing was lost, try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayRefused.NotQueued("Interrupted; try again.");
        }
        List<String> ids = requests.stream().map(DeliveryRequested::deliveryId).toList();
        log.info("{} replayed {} deliveries", caller.subject(), ids.size());
        return new Replayed(ids.size(), ids);
    }

    private boolean reaches(Caller caller, DeliveryRequested request) {
        return caller.roles().stream().anyMatch(Role::isStateRole)
                || (!caller.organisationId().isEmpty()
                        && directory.within(request.organisationId(), caller.organisationId()));
    }

    private static void allowed(Caller caller) {
        if (!caller.hasAnyRole(REPLAYERS)) {
            throw new ReplayRefused.NotAllowed(
                    "Replaying deliveries needs one of the roles " + List.of(REPLAYERS) + ".");
        }
    }
}
