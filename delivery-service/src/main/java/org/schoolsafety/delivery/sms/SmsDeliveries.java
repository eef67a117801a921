package org.schoolsafety.delivery.sms;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Personalisation;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends SMS through the provider ({@link SmsProviderClient}, {@code ssn.delivery.sms.*}), one request after the
 * other in each listener (its listeners, one per lane, are {@code DeliveryListeners}'):
 * <ul>
 *   <li>the body is the subject, a line break and the text ({@link SmsText}), cut to
 *       {@code ssn.delivery.sms.max-segments} ({@link SmsSegments}) rather than refused: an alert must still go out.
 *       A cut is logged, without content;
 *   <li>the recipient's organisation by name where the message leaves room for it ({@code Personalisation});
 *   <li>every message takes its turn in the provider's rate, shared by all instances ({@link SmsRateLimiter}); an
 *       attempt that cannot within {@code ssn.delivery.sms.max-rate-wait} is retried later ("SMS rate limit");
 *   <li>the provider's message id is the outcome's reference and is remembered ({@link SentMessages}) so that its
 *       status callbacks become receipts ({@link SmsCallbacks}).
 * </ul>
 * Without a provider ({@code ssn.delivery.sms.base-url} unset) every attempt fails as worth retrying, "no SMS
 * provider configured", with one warning. Idempotency, outcomes and retries are {@code Deliveries}'. Numbers and
 * bodies are never logged.
 */
@Component
class SmsDeliveries implements Sender {

    private static final Logger log = LoggerFactory.getLogger(SmsDeliveries.class);

    static final String NOT_CONFIGURED = "no SMS provider configured";
    static final String RATE_LIMITED = "SMS rate limit";

    /** As long as an email's acknowledgement link: a month. */
    static final Duration ACKNOWLEDGE_VALID_FOR = Duration.ofDays(30);

    private final SmsSettings properties;
    private final SmsProviderClient client;
    private final SmsRateLimiter rate;
    private final SentMessages sent;
    private final SmsCallbackUrls callbacks;
    private final SignedLinks signedLinks;
    private final LinkProperties links;
    private final AtomicBoolean warnedNotConfigured = new AtomicBoolean();

    SmsDeliveries(
            SmsSettings properties,
            SmsProviderClient client,
            SmsRateLimiter rate,
            SentMessages sent,
            SmsCallbackUrls callbacks,
            SignedLinks signedLinks,
            LinkProperties links) {
        this.signedLinks = signedLinks;
        this.links = links;
        this.properties = properties;
        this.client = client;
        this.rate = rate;
        this.sent = sent;
        this.callbacks = callbacks;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        if (!properties.configured()) {
            if (warnedNotConfigured.compareAndSet(false, true)) {
                log.warn(
                        "SMS deliveries cannot go out: set ssn.delivery.sms.base-url (and account, token, sender); they are"
                                + " retried and, after the last attempt, given up");
            }
            return Attempt.retry(NOT_CONFIGURED, null, false);
        }
        SmsSegments.Fitted body = SmsSegments.fit(text(request), properties.maxSegments());
        if (body.cut()) {
            log.info(
                    "delivery {} to {}: message cut from {} to {} segments ({})",
                    request.deliveryId(),
                    request.endpointId(),
                    body.originalSegments(),
                    body.count().segments(),
                    body.count().encoding());
        }
        if (!rate.acquire(request.lane())) {
            return Attempt.retry(RATE_LIMITED, null, false);
        }
        Attempt attempt = client.send(endpoint.address(), body.text(), callbacks.status());
        if (attempt.succeeded() && !attempt.reference().startsWith("HTTP ")) {
            try {
                sent.remember(attempt.reference(), request);
            } catch (RuntimeException redisDown) {
                // the message is out: sending it again would repeat it; only its receipts are lost
                log.warn(
                        "delivery {} to {}: sent, but its message id could not be stored (Redis): no receipts for it",
                        request.deliveryId(),
                        request.endpointId());
            }
        }
        return attempt;
    }

    /** The message's text for this recipient: its organisation's name and its own acknowledgement link filled in. */
    String text(DeliveryRequested request) {
        String text = Personalisation.text(SmsText.of(request.message()), request);
        if (text.contains(Message.ACKNOWLEDGE_LINK)) {
            // this recipient's own link, where the producer left room for it
            text = text.replace(
                    Message.ACKNOWLEDGE_LINK,
                    links.link("/public/acknowledgements/"
                            + signedLinks.sign("acknowledge", request.deliveryId(), ACKNOWLEDGE_VALID_FOR)));
        }
        return text;
    }
}
