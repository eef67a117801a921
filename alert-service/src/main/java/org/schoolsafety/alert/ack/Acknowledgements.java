package org.schoolsafety.alert.ack;

import java.time.Clock;
import java.time.Instant;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.status.StatusStore;
import org.schoolsafety.alert.status.StatusStore.Delivery;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * A recipient confirms they have an alert: through the signed link in their email or SMS, or a district system
 * through the API by delivery id. The acknowledgement goes on {@code delivery-outcomes} (keyed by endpoint, like
 * every outcome of that delivery), where status counts it once however often it is clicked.
 */
@Service
class Acknowledgements {

    private final StatusStore deliveries;
    private final KafkaTemplate<String, Object> template;
    private final EventPublisher events;
    private final Clock clock;

    Acknowledgements(StatusStore deliveries, KafkaTemplate<String, Object> template, Clock clock) {
        this.deliveries = deliveries;
        this.template = template;
        this.events = new EventPublisher(template);
        this.clock = clock;
    }

    /** The delivery a link or a system names, once its outcome has been seen here. */
    Delivery delivery(String deliveryId) {
        return deliveries
                .delivery(deliveryId)
                .orElseThrow(() -> new AlertNotFound(
                        "No delivered alert with this id; if it arrived just now, try again in a minute."));
    }

    /** Records the acknowledgement; returns once the broker has it. */
    Instant acknowledge(Delivery delivery, String via) {
        Instant at = clock.instant();
        DeliveryAcknowledged acknowledged = new DeliveryAcknowledged(
                delivery.deliveryId(),
                delivery.notificationId(),
                delivery.endpointId(),
                delivery.organisationId(),
                via,
                at);
        template.executeInTransaction(
                operations -> events.publish(Topics.DELIVERY_OUTCOMES, delivery.endpointId(), acknowledged));
        return at;
    }
}
