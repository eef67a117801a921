package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.subscription.SubscriptionSettings;
import org.schoolsafety.subscription.directory.EndpointView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Verifying an SMS number, and consent by SMS keywords: the verification asks for a YES reply. Keywords concern a
 * number, so they act on every endpoint with that number, in every organisation: STOP (and STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, OPTOUT, REVOKE) suppresses it for everything but urgent alerts that are not drills; YES (and
 * START, UNSTOP, Y) consents, verifying it and lifting a STOP; HELP (and INFO) asks who we are. Each is answered
 * with one confirmation, whose delivery id comes from the inbound message's provider id, so a redelivered event
 * never answers twice. Numbers never reach the log.
 */
@Component
class SmsVerification {

    static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE");
    static final Set<String> START = Set.of("YES", "Y", "START", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");

    private static final Logger log = LoggerFactory.getLogger(SmsVerification.class);

    private final EndpointView endpoints;
    private final RecipientChanges changes;
    private final ServiceMessages messages;
    private final String helpContact;
    private final Clock clock = Clock.systemUTC();

    SmsVerification(
            EndpointView endpoints, RecipientChanges changes, ServiceMessages messages, SubscriptionSettings settings) {
        this.endpoints = endpoints;
        this.changes = changes;
        this.messages = messages;
        this.helpContact = settings.sms().helpContact();
    }

    /** The message asking for a YES reply. */
    Message message(String organisation) {
        return new Message(
                "MO School Safety",
                "MO School Safety: reply YES to get safety alerts for " + shortened(organisation, 40)
                        + " at this number. Reply STOP to opt out, HELP for help. Msg&data rates may apply.",
                null);
    }

    /** Acts on a keyword a number replied with, and answers it. */
    void replied(SmsReceived sms) {
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
                    changes.store("sms-reply", "endpoint.suppressed", endpoint.withSuppressed(true, now));
                }
            }
            reply = "MO School Safety: you will no longer get school safety updates at this number. Emergency"
                    + " alerts from the state still reach you. Reply START to resume, HELP for help.";
        } else if (START.contains(word)) {
            for (EndpointChanged endpoint : withNumber) {
                if (endpoint.suppressed() || !endpoint.verified()) {
                    changes.store(
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
        messages.request(
                withNumber.getFirst(),
                "sms-reply-" + sms.providerMessageId(),
                new Message("MO School Safety", reply, null));
    }

    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
