package org.schoolsafety.alert.status;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.alert.status.StatusStore.Delivery;
import org.schoolsafety.alert.status.StatusStore.Fact;
import org.schoolsafety.alert.status.StatusStore.Kind;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.redis.RedisWiped;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Turns delivery outcomes of alert notifications into status counts, a batch at a time: a success is
 * {@code sent}; it is also {@code delivered} for a webhook (the receiver answered 2xx) and for email (the relay
 * took it: the furthest an email can be followed), while an SMS is delivered only when the provider's receipt says
 * the handset has it. A final failure, or an SMS receipt saying it never arrived, is {@code failed}. Retries in
 * progress are not counted. The expansion record on {@code notifications} gives the expected counts.
 */
@Component
class OutcomeListener extends AbstractConsumerSeekAware {

    private final StatusStore store;

    OutcomeListener(StatusStore store) {
        this.store = store;
    }

    /**
     * Redis lost the counts: read every outcome and expansion still on the topics again. Each delivery counts once
     * per kind, so the counts come back as they were (for outcomes within the topics' retention).
     */
    @EventListener
    void on(RedisWiped wiped) {
        seekToBeginning();
    }

    @KafkaListener(
            id = "alert-status",
            topics = {Topics.Names.DELIVERY_OUTCOMES, Topics.Names.NOTIFICATIONS},
            containerFactory = StatusConfiguration.CONTAINER_FACTORY,
            // fetch outcomes in larger batches (one poll, batch and commit for many), at the cost of a short lag
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=100"})
    void on(List<ConsumerRecord<String, Object>> batch) {
        List<Fact> facts = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : batch) {
            switch (record.value()) {
                case NotificationExpanded expanded
                when ours(expanded.notificationId()) ->
                    store.expected(
                            expanded.notificationId(),
                            expanded.expected(),
                            expanded.emails(),
                            expanded.sms(),
                            expanded.webhooks());
                case DeliverySucceeded ok
                when ours(ok.notificationId()) -> {
                    deliveries.add(new Delivery(
                            ok.deliveryId(), ok.notificationId(), ok.endpointId(), ok.organisationId(), ok.channel()));
                    facts.add(fact(ok.notificationId(), ok.deliveryId(), Kind.SENT, ok.channel(), ok.organisationId()));
                    if (ok.channel() != Channel.SMS) {
                        facts.add(fact(
                                ok.notificationId(),
                                ok.deliveryId(),
                                Kind.DELIVERED,
                                ok.channel(),
                                ok.organisationId()));
                    }
                }
                case DeliveryReceipt receipt
                when ours(receipt.notificationId()) ->
                    facts.add(fact(
                            receipt.notificationId(),
                            receipt.deliveryId(),
                            receipt.status() == DeliveryReceipt.Status.DELIVERED ? Kind.DELIVERED : Kind.FAILED,
                            receipt.channel(),
                            receipt.organisationId()));
                case DeliveryFailed failed
                when failed.permanent() && ours(failed.notificationId()) ->
                    facts.add(fact(
                            failed.notificationId(),
                            failed.deliveryId(),
                            Kind.FAILED,
                            failed.channel(),
                            failed.organisationId()));
                case DeliveryAcknowledged ack
                when ours(ack.notificationId()) ->
                    facts.add(fact(
                            ack.notificationId(),
                            ack.deliveryId(),
                            Kind.ACKNOWLEDGED,
                            store.delivery(ack.deliveryId())
                                    .map(Delivery::channel)
                                    .orElse(null),
                            ack.organisationId()));
                default -> {
                    // bulletins, advisories, verifications, retries in progress, SMS replies: not alert status
                }
            }
        }
        store.count(facts, deliveries);
    }

    private static Fact fact(String notificationId, String deliveryId, Kind kind, Channel channel, String org) {
        return new Fact(notificationId, deliveryId, kind, channel, org);
    }

    static boolean ours(String notificationId) {
        return notificationId != null
                && StatusStore.ALERT_NOTIFICATION.matcher(notificationId).matches();
    }
}
