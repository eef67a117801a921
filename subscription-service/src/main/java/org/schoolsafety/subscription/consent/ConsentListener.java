package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.subscription.endpoint.EndpointView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 *   <li>SMS keywords concern a number, so they act on every endpoint with that number, in every organisation:
 *       STOP (and STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE) suppresses it for everything but
 *       urgent alerts that are not drills; YES (and START, UNSTOP, Y) consents, verifying it and lifting a STOP;
 *       HELP (and INFO) asks who we are. Each is answered with one confirmation.
 * </ul>
 * Every change goes through the {@code directory} topic and is audited. An answer's delivery id comes from the
 * inbound message's provider id, so a redelivered event never answers twice. Numbers never reach the log.
 */
@Component
class ConsentListener {

    static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE");
    static final Set<String> START = Set.of("YES", "Y", "START", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");

    private static final Logger log = LoggerFactory.getLogger(ConsentListener.class);

    private final Verifications verifications;
    private final EndpointView endpoints;
    private final String helpContact;
    private final Clock clock = Clock.systemUTC();

    ConsentListener(
            Verifications verifications,
            EndpointView endpoints,
            @Value("${ssn.sms.help-contact:your school district office}") String helpContact) {
        this.verifications = verifications;
        this.endpoints = endpoints;
        this.helpContact = helpContact;
    }

    @KafkaListener(
            id = "consent",
            topics = "delivery-outcomes",
            containerFactory = ConsentConfiguration.CONTAINER_FACTORY,
            // nearly every outcome is someone else's: fetch them 64 KB or 200 ms at a time, one commit each,
            // rather than a fetch and a commit for every few outcomes while ten thousand deliveries go out
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=200"})
    void on(ConsumerRecord<String, Object> record) {
        switch (record.value()) {
            case DeliverySucceeded succeeded
            when succeeded.channel() == Channel.WEBHOOK && Verifications.isVerification(succeeded.notificationId()) ->
                verifications.webhookAnswered(succeeded.endpointId());
            case DeliverySucceeded succeeded
            when Verifications.isVerification(succeeded.notificationId()) -> verifications.delivered(succeeded);
            case DeliveryFailed failed
            when Verifications.isVerification(failed.notificationId()) -> verifications.deliveryFailed(failed);
            case EndpointDisabled disabled -> verifications.disable(disabled);
            case SmsReceived sms -> keyword(sms);
            default -> {
                // other outcomes are alert-service's (status, escalation)
            }
        }
    }

    private void keyword(SmsReceived sms) {
        String word = sms.body().strip().replaceAll("[.!\\s]+$", "").toUpperCase(Locale.ROOT);
        List<EndpointChanged> withNumber = endpoints.atAddress(Channel.SMS, sms.from()).stream()
                .sorted(Comparator.comparing(EndpointChanged::endpointId))
                .toList();
        if (withNumber.isEmpty()) {
            log.info("SMS reply {} from a number no endpoint has; ignored", sms.providerMessageId());
            return;
        }
        Instant now = Instant.now(clock);
        String reply;
        if (STOP.contains(word)) {
            for (EndpointChanged endpoint : withNumber) {
                if (!endpoint.suppressed()) {
                    verifications.store("sms-reply", "endpoint.suppressed", endpoint.withSuppressed(true, now));
                }
            }
            reply = "MO School Safety: you will no longer get school safety updates at this number. Emergency"
                    + " alerts from the state still reach you. Reply START to resume, HELP for help.";
        } else if (START.contains(word)) {
            for (EndpointChanged endpoint : withNumber) {
                if (endpoint.suppressed() || !endpoint.verified()) {
                    verifications.store(
                            "sms-reply",
                            "endpoint.consented",
                            endpoint.withSuppressed(false, now).withVerified(true, now));
                }
            }
            reply = "MO School Safety: this number is confirmed for school safety alerts. Reply STOP to opt out,"
                    + " HELP for help.";
        } else if (HELP.contains(word)) {
            reply = "MO School Safety Alert Network: safety alerts for your school or district. For help contact "
                    + helpContact + ". Reply STOP to opt out. Msg&data rates may apply.";
        } else {
            log.info("SMS reply {} is no keyword; ignored", sms.providerMessageId());
            return;
        }
        // the answer goes to the number once, through its first endpoint
        verifications.request(
                withNumber.getFirst(),
                "sms-reply-" + sms.providerMessageId(),
                new Message("MO School Safety", reply, null));
    }
}
