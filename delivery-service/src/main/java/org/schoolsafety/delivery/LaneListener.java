package org.schoolsafety.delivery;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The listener of one channel's lane, its retry topics and its dead-letter topic ({@link DeliveryListeners}
 * registers it): hands each record to {@link Deliveries} for its sender.
 */
final class LaneListener {

    private final Deliveries deliveries;
    private final Sender sender;
    private final String mainListenerId;

    LaneListener(Deliveries deliveries, Sender sender, String mainListenerId) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.mainListenerId = mainListenerId;
    }

    /** For a sender that delivers concurrently: the container commits the record when the future completes. */
    public CompletableFuture<Void> concurrently(ConsumerRecord<String, Object> record) {
        return deliveries.deliverConcurrently(sender, mainListenerId, record);
    }

    /** For a sender that delivers in turn: a failed attempt throws, and the container forwards the record. */
    public void inTurn(ConsumerRecord<String, Object> record) {
        deliveries.deliver(sender, record);
    }

    /** The last attempt failed: the request is on the lane's dead-letter topic, and the delivery has failed. */
    public void gaveUp(ConsumerRecord<String, Object> record) {
        deliveries.gaveUp(sender, record);
    }
}
