package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.subscription.directory.EndpointView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * How an endpoint becomes verified, so that it may receive anything else, one way per channel:
 * {@link EmailVerification} (a signed link, double opt-in), {@link SmsVerification} (a YES reply) and
 * {@link WebhookVerification} (a test delivery answered with a 2xx). Verification messages travel as
 * {@link Feed#VERIFICATION} delivery requests on the urgent lane ({@link ServiceMessages}); each one has a
 * notification id of its own, so a resend is a new delivery. What became of the latest one (sent, retried after an
 * error, failed for good) is kept in {@link VerificationStates} and shown on the endpoint.
 */
@Service
public class Verifications {

    /** The purpose of a signed confirmation link. */
    static final String PURPOSE = "verify-endpoint";

    static final String NOTIFICATION_PREFIX = "verification-";
    /** Why a verification the broker did not take failed. */
    static final String NOT_QUEUED = "not queued: the message broker did not confirm the request";

    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    private final EmailVerification email;
    private final SmsVerification sms;
    private final WebhookVerification webhook;
    private final ServiceMessages messages;
    private final RecipientChanges changes;
    private final EndpointView endpoints;
    private final VerificationStates states;
    private final Clock clock = Clock.systemUTC();

    Verifications(
            EmailVerification email,
            SmsVerification sms,
            WebhookVerification webhook,
            ServiceMessages messages,
            RecipientChanges changes,
            EndpointView endpoints,
            VerificationStates states) {
        this.email = email;
        this.sms = sms;
        this.webhook = webhook;
        this.messages = messages;
        this.changes = changes;
        this.endpoints = endpoints;
        this.states = states;
    }

    /** Whether a notification id is one of the verification messages this service sends. */
    static boolean isVerification(String notificationId) {
        return notificationId.startsWith(NOTIFICATION_PREFIX);
    }

    /**
     * Asks delivery-service to send the endpoint its verification, and says whether the broker took the request
     * (if not, the endpoint stays unverified and its keeper can ask again).
     */
    public boolean send(EndpointChanged endpoint) {
        String organisation = changes.organisationName(endpoint.organisationId());
        Message message = switch (endpoint.channel()) {
            case EMAIL -> email.message(endpoint, organisation);
            case SMS -> sms.message(organisation);
            case WEBHOOK -> webhook.message(organisation);
        };
        String notificationId = NOTIFICATION_PREFIX + UUID.randomUUID();
        // first: an outcome may come as soon as the request is on its way
        VerificationStates.bestEffort(() -> states.sent(endpoint.endpointId(), notificationId), endpoint);
        boolean queued = messages.request(endpoint, notificationId, message);
        if (!queued) {
            VerificationStates.bestEffort(
                    () -> states.failed(endpoint.endpointId(), notificationId, NOT_QUEUED, true), endpoint);
        }
        return queued;
    }

    /** An attempt at delivering a verification failed; if for good, its endpoint shows it ({@link VerificationStates}). */
    void deliveryFailed(DeliveryFailed failed) {
        if (failed.permanent()) {
            log.warn(
                    "verification {} of endpoint {} could not be delivered: {}",
                    failed.notificationId(),
                    failed.endpointId(),
                    failed.reason());
        }
        states.failed(failed.endpointId(), failed.notificationId(), failed.reason(), failed.permanent());
    }

    /** A verification was delivered: an email or SMS now waits for its recipient; a webhook that took it is verified. */
    void delivered(DeliverySucceeded succeeded) {
        if (succeeded.channel() == Channel.WEBHOOK) {
            webhook.answered(succeeded.endpointId());
        } else {
            states.delivered(succeeded.endpointId(), succeeded.notificationId());
        }
    }

    /**
     * delivery-service found the endpoint unusable (a webhook answered 410 Gone, no such mailbox, a number that
     * cannot get SMS, or every call failing for a sustained period): it is disabled (unverified) until its keeper
     * verifies it again. The organisation sees it in its list of endpoints and, if it was its last verified
     * urgent-alert endpoint, in its uncovered list.
     */
    void disable(EndpointDisabled disabled) {
        endpoints
                .get(disabled.endpointId())
                .filter(e -> !e.removed() && e.verified())
                .ifPresent(e -> {
                    log.warn("endpoint {} of {} disabled: {}", e.endpointId(), e.organisationId(), disabled.reason());
                    changes.store("delivery-service", "endpoint.disabled", e.withVerified(false, Instant.now(clock)));
                    VerificationStates.bestEffort(() -> states.disabled(e.endpointId(), disabled.reason()), e);
                });
    }
}
