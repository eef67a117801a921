package org.schoolsafety.delivery.email;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.Sender;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.security.LinkProperties;
import org.schoolsafety.platform.security.SignedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends email through the SMTP relay of {@code spring.mail.*} ({@code ssn.delivery.email.*}); its listeners, one per
 * lane, are {@code DeliveryListeners}'. The relay taking the message is success; a 5xx is a permanent failure, a
 * 4xx or no answer is retried ({@link SmtpReplies}). Connections to the relay are pooled ({@link SmtpConnections}),
 * and requests are delivered concurrently, enough of them at once to keep every connection busy; the messages to
 * one address go in turn. Without {@code spring.mail.host} the service still starts (webhooks need no relay) and
 * email attempts fail, to be retried. Idempotency, outcomes and metrics are {@code Deliveries}'.
 */
@Component
class EmailDeliveries implements Sender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmailDeliveries.class);

    private final SmtpConnections connections;
    private final EmailSender sender;
    private final int concurrentAttempts;

    EmailDeliveries(
            ObjectProvider<JavaMailSenderImpl> relay,
            EmailSettings properties,
            SignedLinks signedLinks,
            LinkProperties links,
            MeterRegistry meters) {
        this.concurrentAttempts = 2 * properties.connections();
        JavaMailSenderImpl configured = relay.getIfAvailable();
        this.connections = configured == null ? null : new SmtpConnections(configured, properties);
        EmailMessages messages = new EmailMessages(properties, signedLinks, links, Clock.systemUTC());
        this.sender = new EmailSender(connections, messages);
        if (connections == null) {
            log.warn(
                    "spring.mail.host is not set: email deliveries fail ({}) and are retried until a relay is"
                            + " configured",
                    EmailSender.NO_RELAY);
        } else {
            FunctionCounter.builder("ssn.delivery.email.connections.opened", connections, SmtpConnections::opened)
                    .description("SMTP connections opened to the relay, reconnects included")
                    .register(meters);
            Gauge.builder("ssn.delivery.email.connections.open", connections, SmtpConnections::open)
                    .description("SMTP connections open to the relay, idle or in use")
                    .register(meters);
        }
        if (!messages.oneClick()) {
            log.warn("ssn.links.base-url is not HTTPS: bulletins and advisories carry List-Unsubscribe without"
                    + " one-click unsubscription (RFC 8058 needs an HTTPS link)");
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** Many messages are under way at once, over the pooled connections. */
    @Override
    public boolean deliversConcurrently() {
        return true;
    }

    /**
     * Twice the SMTP connections ({@code ssn.delivery.email.connections}): every connection busy, and the next
     * message ready (rendered, checked) for the first connection that comes free.
     */
    @Override
    public int concurrentAttempts() {
        return concurrentAttempts;
    }

    @Override
    public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
        return sender.send(request, endpoint);
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
