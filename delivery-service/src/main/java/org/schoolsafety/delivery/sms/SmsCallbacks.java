package org.schoolsafety.delivery.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the SMS provider tells us, on public paths (no bearer token: the provider's signature,
 * {@link TwilioSignature}, over our configured callback URL is the authorisation; a request without a valid one is
 * refused with 403):
 * <ul>
 *   <li>{@code POST /public/sms/status}: a message's status. {@code delivered}, {@code undelivered} and
 *       {@code failed} become a {@link DeliveryReceipt} on {@code delivery-outcomes} for the delivery the message
 *       id was remembered for ({@link SentMessages}); other statuses, and ids we do not know, are acknowledged and
 *       dropped (204);
 *   <li>{@code POST /public/sms/inbound}: a message someone sent to our number becomes {@link SmsReceived}, keyed by
 *       the sender's number (subscription-service acts on STOP, START, HELP). Answered with an empty TwiML
 *       response: no automatic reply, subscription-service sends any.
 * </ul>
 * Both answer only once the broker has the event; if it cannot be had (broker or Redis down) the answer is 503
 * and the provider calls again. Numbers and bodies are never logged.
 */
@RestController
class SmsCallbacks {

    private static final Logger log = LoggerFactory.getLogger(SmsCallbacks.class);

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final SmsSettings properties;
    private final SmsCallbackUrls urls;
    private final SentMessages sent;
    private final EventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    SmsCallbacks(SmsSettings properties, SmsCallbackUrls urls, SentMessages sent, EventPublisher publisher) {
        this.properties = properties;
        this.urls = urls;
        this.sent = sent;
        this.publisher = publisher;
    }

    @PostMapping(path = SmsCallbackUrls.STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request) {
        Map<String, String[]> form = request.getParameterMap();
        verify(request, urls.status(), form);
        String sid = first(form, "MessageSid");
        String status = first(form, "MessageStatus");
        if (sid == null || status == null) {
            throw problem(HttpStatus.BAD_REQUEST, "A status callback carries MessageSid and MessageStatus.");
        }
        DeliveryReceipt.Status receipt = switch (status) {
            case "delivered" -> DeliveryReceipt.Status.DELIVERED;
            case "undelivered" -> DeliveryReceipt.Status.UNDELIVERED;
            case "failed" -> DeliveryReceipt.Status.FAILED;
            default -> null;
        };
        if (receipt == null) {
            return ResponseEntity.noContent().build();
        }
        Optional<SentMessages.Sent> delivery;
        try {
            delivery = sent.find(sid);
        } catch (RuntimeException redisDown) {
            log.warn("SMS status of message {}: Redis unavailable, the provider will call again", sid);
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again later.");
        }
        if (delivery.isEmpty()) {
            log.debug("SMS status {} of message {}: not one of ours, or too old; dropped", status, sid);
            return ResponseEntity.noContent().build();
        }
        SentMessages.Sent of = delivery.get();
        String errorCode = first(form, "ErrorCode");
        publish(
                of.endpointId(),
                new DeliveryReceipt(
                        of.deliveryId(),
                        of.notificationId(),
                        of.endpointId(),
                        of.organisationId(),
                        Channel.SMS,
                        receipt,
                        sid,
                        errorCode == null || errorCode.isBlank() ? null : errorCode,
                        Instant.now(clock)));
        log.info(
                "delivery {} to {}: provider reports {}{}",
                of.deliveryId(),
                of.endpointId(),
                status,
                errorCode == null ? "" : " (" + errorCode + ")");
        return ResponseEntity.noContent().build();
    }

    @PostMapping(
            path = SmsCallbackUrls.INBOUND_PATH,
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        Map<String, String[]> form = request.getParameterMap();
        verify(request, urls.inbound(), form);
        String from = first(form, "From");
        String to = first(form, "To");
        String sid = first(form, "MessageSid");
        if (from == null || to == null || sid == null) {
            throw problem(HttpStatus.BAD_REQUEST, "An inbound message carries From, To and MessageSid.");
        }
        String body = first(form, "Body");
        publish(from, new SmsReceived(from, to, body == null ? "" : body, sid, Instant.now(clock)));
        log.info("inbound SMS {} published", sid);
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    private void verify(HttpServletRequest request, String url, Map<String, String[]> form) {
        if (!properties.configured()) {
            log.warn("SMS callback refused: no SMS provider configured, so no signature can be checked");
            throw problem(HttpStatus.FORBIDDEN, "This callback is not signed by our SMS provider.");
        }
        if (!TwilioSignature.valid(properties.authToken(), url, form, request.getHeader(TwilioSignature.HEADER))) {
            log.warn(
                    "SMS callback to {} refused: missing or invalid {}",
                    request.getRequestURI(),
                    TwilioSignature.HEADER);
            throw problem(HttpStatus.FORBIDDEN, "This callback is not signed by our SMS provider.");
        }
    }

    private void publish(String key, Object event) {
        try {
            publisher.publish(Topics.DELIVERY_OUTCOMES, key, event).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "SMS callback: {} not confirmed by the broker; the provider will call again",
                    event.getClass().getSimpleName());
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again later.");
        }
    }

    private static String first(Map<String, String[]> form, String name) {
        String[] values = form.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
