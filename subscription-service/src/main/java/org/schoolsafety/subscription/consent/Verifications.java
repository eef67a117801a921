package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.endpoint.EndpointView;
import org.schoolsafety.subscription.store.DirectoryTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * How an endpoint becomes verified, so that it may receive anything else:
 * <ul>
 *   <li>email: a message with a signed link (valid {@value #LINK_DAYS} days); the recipient opens it and presses
 *       Confirm (double opt-in: a mail scanner that only fetches the link confirms nothing);
 *   <li>SMS: a message asking for a YES reply, which {@link ConsentListener} turns into consent;
 *   <li>webhook: a signed test delivery that must be answered with a 2xx, which delivery-service reports as a
 *       success on {@code delivery-outcomes}.
 * </ul>
 * Verification messages travel as {@link Feed#VERIFICATION} delivery requests on the urgent lane (someone is
 * waiting for them); each one has a notification id of its own, so a resend is a new delivery. What became of
 * the latest one (sent, retried after an error, failed for good) is kept in {@link VerificationStates} and shown
 * on the endpoint.
 */
@Service
public class Verifications {

    static final String PURPOSE = "verify-endpoint";
    static final int LINK_DAYS = 7;
    static final String NOTIFICATION_PREFIX = "verification-";
    /** Why a verification the broker did not take failed. */
    static final String NOT_QUEUED = "not queued: the message broker did not confirm the request";

    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final DirectoryTopic topic;
    private final EventPublisher publisher;
    private final SignedLinks links;
    private final LinkProperties linkProperties;
    private final VerificationStates states;
    private final Clock clock = Clock.systemUTC();

    Verifications(
            EndpointView endpoints,
            DirectoryView directory,
            DirectoryTopic topic,
            EventPublisher publisher,
            SignedLinks links,
            LinkProperties linkProperties,
            VerificationStates states) {
        this.endpoints = endpoints;
        this.directory = directory;
        this.topic = topic;
        this.publisher = publisher;
        this.links = links;
        this.linkProperties = linkProperties;
        this.states = states;
    }

    /** Whether a notification id is one of the verification messages this class sends. */
    public static boolean isVerification(String notificationId) {
        return notificationId.startsWith(NOTIFICATION_PREFIX);
    }

    /**
     * Asks delivery-service to send the endpoint its verification, and says whether the broker took the request
     * (if not, the endpoint stays unverified and its keeper can ask again).
     */
    public boolean send(EndpointChanged endpoint) {
        String organisation = organisationName(endpoint.organisationId());
        Message message = switch (endpoint.channel()) {
            case EMAIL ->
                email(
                        organisation,
                        linkProperties.link("/public/verifications/"
                                + links.sign(PURPOSE, endpoint.endpointId(), Duration.ofDays(LINK_DAYS))));
            case SMS ->
                new Message(
                        "MO School Safety",
                        "MO School Safety: reply YES to get safety alerts for " + shortened(organisation, 40)
                                + " at this number. Reply STOP to opt out, HELP for help. Msg&data rates may apply.",
                        null);
            case WEBHOOK ->
                new Message(
                        "Verify this webhook endpoint",
                        "Test delivery from the School Safety Alert Network for " + organisation
                                + ". Answer with any 2xx status to verify this endpoint; until then it receives nothing"
                                + " else.",
                        null);
        };
        String notificationId = NOTIFICATION_PREFIX + UUID.randomUUID();
        // first: an outcome may come as soon as the request is on its way
        keep(() -> states.sent(endpoint.endpointId(), notificationId), endpoint);
        boolean queued = request(endpoint, notificationId, message);
        if (!queued) {
            keep(() -> states.failed(endpoint.endpointId(), notificationId, NOT_QUEUED, true), endpoint);
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

    /** A verification was delivered: an email or SMS now waits for its recipient. */
    void delivered(DeliverySucceeded succeeded) {
        states.delivered(succeeded.endpointId(), succeeded.notificationId());
    }

    /** Records a verification's state; Redis being down does not undo a verification that was asked for. */
    private static void keep(Runnable write, EndpointChanged endpoint) {
        try {
            write.run();
        } catch (RuntimeException redisDown) {
            log.warn("the verification state of endpoint {} could not be recorded", endpoint.endpointId(), redisDown);
        }
    }

    /** Sends one service message (a verification, a confirmation, help) to one endpoint on the urgent lane. */
    boolean request(EndpointChanged endpoint, String notificationId, Message message) {
        DeliveryRequested request = new DeliveryRequested(
                DeliveryIds.of(notificationId, endpoint.endpointId()),
                notificationId,
                endpoint.endpointId(),
                endpoint.organisationId(),
                endpoint.channel(),
                endpoint.address(),
                Lane.URGENT,
                Feed.VERIFICATION,
                message,
                Instant.now(clock));
        try {
            publisher
                    .publish(Topics.DELIVERY_REQUESTS_URGENT, endpoint.endpointId(), request)
                    .get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "service message {} to endpoint {} not confirmed by the broker",
                    notificationId,
                    endpoint.endpointId(),
                    e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What a verification link is about, for the page that asks the recipient to confirm. */
    public record Pending(EndpointChanged endpoint, String organisationName) {}

    /** The endpoint a link names, if the link is good and the endpoint still exists. */
    public Pending pending(String token) {
        EndpointChanged endpoint = linked(token);
        return new Pending(endpoint, organisationName(endpoint.organisationId()));
    }

    /** Confirms the endpoint a verification link names (again is fine: nothing changes). */
    public Pending confirm(String token) {
        EndpointChanged endpoint = linked(token);
        if (!endpoint.verified()) {
            endpoint = endpoint.withVerified(true, Instant.now(clock));
            store("recipient-link", "endpoint.verified", endpoint);
        }
        return new Pending(endpoint, organisationName(endpoint.organisationId()));
    }

    /** A webhook answered its test delivery with a 2xx: it is verified, unless it was removed since. */
    void webhookAnswered(String endpointId) {
        endpoints
                .get(endpointId)
                .filter(e -> !e.removed() && !e.verified())
                .ifPresent(
                        e -> store("delivery-service", "endpoint.verified", e.withVerified(true, Instant.now(clock))));
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
                    store("delivery-service", "endpoint.disabled", e.withVerified(false, Instant.now(clock)));
                    keep(() -> states.disabled(e.endpointId(), disabled.reason()), e);
                });
    }

    /** Stores a change the platform made on a recipient's behalf, audited under {@code actor}. */
    void store(String actor, String action, EndpointChanged changed) {
        endpoints.apply(changed, topic.append(changed.endpointId(), changed));
        if (changed.verified()) {
            keep(() -> states.forget(changed.endpointId()), changed);
        }
        topic.audit(new Caller(actor, "", Set.of()), action, changed.endpointId(), changed.changedAt());
    }

    String organisationName(String organisationId) {
        return directory.get(organisationId).map(Organisation::name).orElse(organisationId);
    }

    private EndpointChanged linked(String token) {
        String endpointId;
        try {
            endpointId = links.verify(PURPOSE, token);
        } catch (SignedLinks.RefusedException e) {
            throw switch (e.refusal()) {
                case EXPIRED ->
                    ApiProblem.gone("This confirmation link has expired. Ask whoever added your address"
                            + " to send a new one.");
                case MALFORMED, FORGED ->
                    ApiProblem.invalid("token", "This is not a confirmation link of the School Safety Alert Network.");
            };
        }
        return endpoints
                .get(endpointId)
                .filter(e -> !e.removed())
                .orElseThrow(() -> ApiProblem.gone("This address has been removed; there is nothing to confirm."));
    }

    private static Message email(String organisation, String link) {
        String text = "Someone added this address to receive school safety messages for " + organisation
                + " from the School Safety Alert Network.\n\n"
                + "To confirm, open this link and press Confirm:\n" + link + "\n\n"
                + "The link works for " + LINK_DAYS + " days. If you did not expect this message, ignore it: nothing"
                + " will be sent to this address.\n";
        String html = "<p>Someone added this address to receive school safety messages for <strong>"
                + HtmlUtils.htmlEscape(organisation) + "</strong> from the School Safety Alert Network.</p>"
                + "<p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">Confirm this address</a></p>"
                + "<p>The link works for " + LINK_DAYS + " days. If you did not expect this message, ignore it:"
                + " nothing will be sent to this address.</p>";
        return new Message("Confirm school safety messages for " + organisation, text, html);
    }

    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
