package org.schoolsafety.delivery;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.delivery.quiet.BulkHold;

/**
 * The listener of one channel's lane, its retry topics and its dead-letter topic ({@link DeliveryListeners}
 * registers it): hands each record to {@link Deliveries} for its sender, unless it is a bulk request that waits for
 * its delivery window ({@link BulkHold}), which holds it before the record is committed.
 */
final class LaneListener {

    private final Deliveries deliveries;
    private final Sender sender;
    private final String mainListenerId;
    private final BulkHold hold;

    LaneListener(Deliveries deliveries, Sender sender, String mainListenerId, BulkHold hold) {
        this.deliveries = deliveries;
        this.hold = hold;
        this.sender = sender;
        this.mainListenerId = mainListenerId;
    }

    /** For a sender that delivers concurrently: the container commits the record when the future completes. */
    public CompletableFuture<Void> concurrently(ConsumerRecord<String, Object> record) {
        if (hold.held(sender.channel(), record)) {
            return CompletableFuture.completedFuture(null);
        }
        return deliveries.deliverConcurrently(sender, mainListenerId, record);
    }

    /** For a sender that delivers in turn: a failed attempt throws, and the container forwards the record. */
    public void inTurn(ConsumerRecord<String, Object> record) {
        if (hold.held(sender.channel(), record)) {
            return;
        }
        deliveries.deliver(sender, record);
    }

    /** The last attempt failed: the request is on the lane's dead-letter topic, and the delivery has failed. */
    public void gaveUp(ConsumerRecord<String, Object> record) {
        deliveries.gaveUp(sender, record);
    }
}
