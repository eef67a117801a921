package org.schoolsafety.delivery.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One email attempt: the message built by {@link EmailMessages}, sent on one of the {@link SmtpConnections}, and
 * the relay's answer read by {@link SmtpReplies}. Without a relay ({@code spring.mail.host} unset) every attempt
 * fails and is retried: a relay configured later, or a redeployment with one, still delivers what is not yet too
 * old. Nothing it logs or answers holds the address or the relay's reply text.
 */
final class EmailSender {

    static final String NO_RELAY = "no SMTP relay configured";

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final SmtpConnections connections;
    private final EmailMessages messages;

    /** {@code connections} is {@code null} when no relay is configured. */
    EmailSender(SmtpConnections connections, EmailMessages messages) {
        this.connections = connections;
        this.messages = messages;
    }

    Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        if (connections == null) {
            return Attempt.retry(NO_RELAY, null, false);
        }
        InternetAddress to;
        try {
            to = new InternetAddress(endpoint.address(), true);
        } catch (AddressException e) {
            return Attempt.permanent("invalid email address", false);
        }
        try {
            MimeMessage message = messages.build(connections.session(), request, to);
            return Attempt.succeeded(
                    SmtpReplies.reference(connections.send(message, new Address[] {to}, request.lane())));
        } catch (SmtpConnections.Busy e) {
            return Attempt.retry("SMTP connections busy", null, false);
        } catch (MessagingException e) {
            return SmtpReplies.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry("interrupted", null, false);
        } catch (RuntimeException e) {
            // its message may quote the address: the type is enough to look further
            log.warn(
                    "delivery {} to {}: sending failed with {}",
                    request.deliveryId(),
                    request.endpointId(),
                    e.getClass().getName());
            return Attempt.retry("sender error: " + e.getClass().getSimpleName(), null, false);
        }
    }
}
