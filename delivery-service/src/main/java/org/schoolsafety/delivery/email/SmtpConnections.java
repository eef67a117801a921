package org.schoolsafety.delivery.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.events.vocabulary.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A few SMTP connections to the relay, kept open and reused: Spring's {@code JavaMailSenderImpl.send} connects,
 * greets, authenticates and quits for every message, which at a statewide alert's volume costs more than sending.
 * At most {@code ssn.delivery.email.connections} are open (or being opened) at once, of which bulk email holds at
 * most all but {@code ssn.delivery.email.reserved-for-urgent}: an alert never waits behind a bulletin. A sender waits up to
 * {@code ssn.delivery.email.acquire-timeout} for one. A connection idle past {@code ssn.delivery.email.max-idle} is closed rather than
 * trusted; one the relay closed while idle (an I/O error or {@code 421} on its first command) is replaced and the
 * message is sent once more on a new connection, so a relay's idle timeout never fails a delivery. A connection
 * that saw the relay refuse a message is reset ({@code RSET}) before it is reused.
 *
 * <p>The session is built from Spring's mail sender ({@code spring.mail.*}), with connection, read and write
 * timeouts of 5, 15 and 15 seconds unless {@code spring.mail.properties} sets them: without them a relay that
 * stops answering would hold a connection for ever.
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    /** Timeouts (ms) applied unless {@code spring.mail.properties} sets them. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

    /** The relay's answer to a message it accepted. */
    record Accepted(int code, String reply) {}

    /** No connection came free in time. */
    static final class Busy extends Exception {
        Busy() {
            super("no SMTP connection free", null, false, false);
        }
    }

    private record Idle(Transport transport, long since) {}

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Semaphore permits;
    private final Semaphore bulkPermits;
    private final Duration acquireTimeout;
    private final long maxIdleNanos;
    private final LinkedBlockingDeque<Idle> idle = new LinkedBlockingDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    SmtpConnections(JavaMailSenderImpl relay, EmailSettings properties) {
        this.protocol = relay.getProtocol() == null ? "smtp" : relay.getProtocol();
        Properties session = new Properties();
        session.putAll(relay.getSession().getProperties());
        defaultTo(session, "mail." + protocol + ".connectiontimeout", CONNECT_TIMEOUT);
        defaultTo(session, "mail." + protocol + ".timeout", READ_TIMEOUT);
        defaultTo(session, "mail." + protocol + ".writetimeout", WRITE_TIMEOUT);
        // isConnected() then answers with RSET: it checks the connection and ends a refused transaction alike
        session.putIfAbsent("mail." + protocol + ".userset", "true");
        this.session = Session.getInstance(session);
        this.host = relay.getHost();
        this.port = relay.getPort();
        boolean anonymous = relay.getUsername() == null || relay.getUsername().isEmpty();
        this.username = anonymous ? null : relay.getUsername();
        this.password = anonymous && "".equals(relay.getPassword()) ? null : relay.getPassword();
        this.permits = new Semaphore(properties.connections(), true);
        this.bulkPermits = new Semaphore(properties.bulkConnections(), true);
        this.acquireTimeout = properties.acquireTimeout();
        this.maxIdleNanos = properties.maxIdle().toNanos();
    }

    private static void defaultTo(Properties session, String key, Duration value) {
        session.putIfAbsent(key, Long.toString(value.toMillis()));
    }

    /** The session messages are built in (its properties decide MIME details, such as the charset). */
    Session session() {
        return session;
    }

    /**
     * Sends the message (its changes already saved) to the recipients on one of the connections. A bulk message
     * first takes one of the connections bulk may use ({@code ssn.delivery.email.reserved-for-urgent} are not
     * among them), so that bulk never holds or waits for more than those and an urgent message always finds one.
     *
     * @throws Busy no connection came free within {@code ssn.delivery.email.acquire-timeout}
     * @throws MessagingException the relay refused the message, could not be reached, or stopped answering
     */
    Accepted send(MimeMessage message, Address[] recipients, Lane lane)
            throws MessagingException, Busy, InterruptedException {
        long deadline = System.nanoTime() + acquireTimeout.toNanos();
        boolean bulk = lane == Lane.BULK;
        if (bulk && !bulkPermits.tryAcquire(acquireTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new Busy();
        }
        try {
            if (!permits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new Busy();
            }
            try {
                return sendOnAny(message, recipients);
            } finally {
                permits.release();
            }
        } finally {
            if (bulk) {
                bulkPermits.release();
            }
        }
    }

    private Accepted sendOnAny(MimeMessage message, Address[] recipients) throws MessagingException {
        Transport reused = takeIdle();
        if (reused != null) {
            try {
                return sendOn(reused, message, recipients);
            } catch (MessagingException e) {
                if (!SmtpReplies.closedWhileIdle(e)) {
                    throw e;
                }
                log.debug("an idle SMTP connection was closed by the relay; sending on a new one");
            }
        }
        return sendOn(connect(), message, recipients);
    }

    /** Sends on a connection this thread holds; the connection goes back to the pool if it is still good. */
    private Accepted sendOn(Transport transport, MimeMessage message, Address[] recipients) throws MessagingException {
        try {
            transport.sendMessage(message, recipients);
        } catch (SendFailedException refused) {
            // the relay answered: the connection may well be good, once reset
            if (transport.isConnected()) {
                giveBack(transport);
            } else {
                discard(transport);
            }
            throw refused;
        } catch (MessagingException | RuntimeException e) {
            discard(transport);
            throw e;
        }
        Accepted accepted = transport instanceof SMTPTransport smtp
                ? new Accepted(smtp.getLastReturnCode(), smtp.getLastServerResponse())
                : new Accepted(250, null);
        giveBack(transport);
        return accepted;
    }

    private Transport takeIdle() {
        for (Idle candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
            if (System.nanoTime() - candidate.since() < maxIdleNanos) {
                return candidate.transport();
            }
            discard(candidate.transport());
        }
        return null;
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport(protocol);
        transport.connect(host, port, username, password);
        opened.incrementAndGet();
        open.incrementAndGet();
        return transport;
    }

    private void giveBack(Transport transport) {
        if (closed) {
            discard(transport);
            return;
        }
        // most recently used first: the others age out when traffic is light
        idle.offerFirst(new Idle(transport, System.nanoTime()));
    }

    /** Closes a connection for good; each connection is discarded once, by the thread that holds it. */
    private void discard(Transport transport) {
        open.decrementAndGet();
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // it is going away either way
        }
    }

    /** Connections opened since start, reconnects included. */
    long opened() {
        return opened.get();
    }

    /** Connections open now, idle or in use. */
    int open() {
        return open.get();
    }

    @Override
    public void close() {
        closed = true;
        for (Idle each = idle.pollFirst(); each != null; each = idle.pollFirst()) {
            discard(each.transport());
        }
    }
}
