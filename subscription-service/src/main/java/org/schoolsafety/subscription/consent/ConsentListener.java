package org.schoolsafety.subscription.consent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.delivery.SmsReceived;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consent from what comes back on {@code delivery-outcomes}:
 * <ul>
 *   <li>what became of each verification (delivered, an attempt failed, failed for good) is kept for its endpoint
 *       to show ({@link VerificationStates});
 *   <li>a webhook's test delivery answered with a 2xx verifies it; a webhook that answers 410 Gone is no longer
 *       verified, so it receives nothing but a new verification, and its organisation sees it among the endpoints
 *       urgent alerts would miss;
 *   <li>SMS keywords (STOP, YES, HELP and their synonyms) act on every endpoint with that number
 *       ({@link SmsVerification}).
 * </ul>
 * Every change goes through the {@code directory} topic and is audited.
 */
@Component
class ConsentListener {

    private final Verifications verifications;
    private final SmsVerification sms;

    ConsentListener(Verifications verifications, SmsVerification sms) {
        this.verifications = verifications;
        this.sms = sms;
    }

    @KafkaListener(
            id = "consent",
            topics = Topics.Names.DELIVERY_OUTCOMES,
            containerFactory = ConsentConfiguration.CONTAINER_FACTORY,
            // nearly every outcome is someone else's: fetch them in large batches, one commit each, rather than a
            // fetch and a commit for every few outcomes while a statewide alert goes out
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=200"})
    void on(ConsumerRecord<String, Object> record) {
        switch (record.value()) {
            case DeliverySucceeded succeeded
            when Verifications.isVerification(succeeded.notificationId()) -> verifications.delivered(succeeded);
            case DeliveryFailed failed
            when Verifications.isVerification(failed.notificationId()) -> verifications.deliveryFailed(failed);
            case EndpointDisabled disabled -> verifications.disable(disabled);
            case SmsReceived received -> sms.replied(received);
            default -> {
                // other outcomes are alert-service's (status, escalation)
            }
        }
    }
}
