package org.schoolsafety.delivery;

import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;

/**
 * One channel's way out of the platform: makes one attempt to hand one message to one endpoint and says how it
 * went. Everything around the attempt (idempotency, verification, isolation of slow endpoints, outcomes, retries,
 * dead letters, metrics) is {@link Deliveries}' business, the same for every channel.
 *
 * <p>A sender never throws for something the receiver did: it answers with an {@link Attempt}. It must not log
 * addresses, numbers or URLs.
 */
public interface Sender {

    /** The channel it sends on. */
    Channel channel();

    /**
     * Whether each endpoint is a receiver of its own, whose slowness and failures are its own (webhooks): then the
     * {@link EndpointGate} caps its calls, breaks its circuit and may disable it after failing for long. Email and
     * SMS go through one relay or provider for every endpoint: a relay that is down must not disable every
     * mailbox.
     */
    default boolean isolatesEndpoints() {
        return false;
    }

    /**
     * Whether its listeners deliver each request on a virtual thread of its own
     * ({@link Deliveries#deliverConcurrently}), many receivers at once, rather than one request after the other in
     * the listener's thread ({@link Deliveries#deliver}).
     */
    default boolean deliversConcurrently() {
        return false;
    }

    /**
     * How many of its requests per lane may be under way at once when its listener delivers concurrently
     * ({@link Deliveries#deliverConcurrently}); the listener waits for a free place beyond that.
     */
    default int concurrentAttempts() {
        return 1;
    }

    /**
     * One attempt.
     *
     * @param request what to send, and to whom
     * @param endpoint the endpoint's current state (address, format, secrets), verified unless this is a
     *     verification
     */
    Attempt send(DeliveryRequested request, EndpointChanged endpoint);
}
