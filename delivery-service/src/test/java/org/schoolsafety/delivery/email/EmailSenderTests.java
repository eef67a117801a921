package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.delivery.email.EmailMessagesTests.messages;
import static org.schoolsafety.delivery.email.EmailMessagesTests.request;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.delivery.settings.EmailSettings;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One email attempt against real SMTP servers on the loopback address: GreenMail, and {@link TinySmtpServer} for
 * what GreenMail will not do (refuse a recipient, ask to come back later, drop a connection, never answer). The
 * attempt's outcome carries reply codes only, never the address the relay quoted; connections are reused.
 */
class EmailSenderTests {

    @Test
    void aMessageTheRelayAcceptsSucceedsWithItsQueueIdWhenTheReplyNamesOne() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(new TinySmtpServer.Behaviour(
                        "250 2.0.0 Ok: queued as 4F2JxK0bQz for <principal@district.example>", false, false));
                SmtpConnections connections = connections(relay.port(), 2)) {
            Attempt attempt =
                    sender(connections).send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));

            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.reference()).isEqualTo("4F2JxK0bQz");
            assertThat(relay.messages()).hasSize(1);
            assertThat(relay.messages().getFirst()).contains("Subject: Lockdown");
        }
    }

    @Test
    void aPlainAcceptanceIsReferencedByItsCode() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 2)) {
            Attempt attempt =
                    sender(connections).send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));

            assertThat(attempt).isEqualTo(Attempt.succeeded("250"));
        }
    }

    @Test
    void aRejectedRecipientIsAPermanentFailureNamingTheCodeOnlyAndTheConnectionIsKept() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 1)) {
            EmailSender sender = sender(connections);
            Attempt rejected = sender.send(request(Feed.URGENT_ALERTS), endpoint("reject@district.example"));

            assertThat(rejected).as("no such mailbox: the address is unusable").isEqualTo(Attempt.unusable("SMTP 550"));
            assertThat(rejected.toString()).doesNotContain("@", "district", "5.1.1");

            Attempt next = sender.send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));
            assertThat(next.succeeded()).isTrue();
            assertThat(relay.connections())
                    .as("reset and reused after the refusal")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRecipientToTryLaterIsRetriedNamingTheCodeOnly() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 1)) {
            Attempt attempt =
                    sender(connections).send(request(Feed.WEEKLY_BULLETIN), endpoint("later@district.example"));

            assertThat(attempt).isEqualTo(Attempt.retry("SMTP 451", null, true));
            assertThat(relay.messages()).isEmpty();
        }
    }

    @Test
    void aConnectionTheRelayDroppedWhileIdleIsReplacedAndTheMessageStillGoesOut() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(new TinySmtpServer.Behaviour("250 2.0.0 Ok", true, false));
                SmtpConnections connections = connections(relay.port(), 1)) {
            EmailSender sender = sender(connections);
            for (int i = 0; i < 3; i++) {
                Attempt attempt =
                        sender.send(request(Feed.URGENT_ALERTS, "n-" + i), endpoint("principal@district.example"));
                assertThat(attempt.succeeded()).as("message %d", i).isTrue();
            }
            assertThat(relay.messages()).hasSize(3);
            assertThat(relay.connections()).isEqualTo(3);
            assertThat(connections.opened()).isEqualTo(3);
        }
    }

    @Test
    void aRelayThatRefusesConnectionsIsUnreachableAndRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (SmtpConnections connections = connections(closedPort, 1)) {
            Attempt attempt =
                    sender(connections).send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));

            assertThat(attempt).isEqualTo(Attempt.retry("SMTP unreachable", null, false));
            assertThat(connections.open()).isZero();
        }
    }

    @Test
    void aRelayThatNeverAnswersTimesOutAndIsRetried() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(new TinySmtpServer.Behaviour(null, false, true));
                SmtpConnections connections = connections(relay.port(), 1, "mail.smtp.timeout", "300")) {
            long began = System.nanoTime();
            Attempt attempt =
                    sender(connections).send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));

            assertThat(attempt).isEqualTo(Attempt.retry("SMTP unreachable", null, false));
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutARelayEveryAttemptIsRetried() {
        Attempt attempt = new EmailSender(null, messages("https://alerts.schoolsafety.example"))
                .send(request(Feed.URGENT_ALERTS), endpoint("principal@district.example"));

        assertThat(attempt).isEqualTo(Attempt.retry("no SMTP relay configured", null, false));
    }

    @Test
    void anAddressThatIsNoEmailAddressFailsForGoodWithoutContactingTheRelay() throws Exception {
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 1)) {
            for (String bad : List.of("no-at-sign", "a@b.example, c@d.example", "x@y.example\r\nBcc: z@w.example")) {
                Attempt attempt = sender(connections).send(request(Feed.URGENT_ALERTS), endpoint(bad));
                assertThat(attempt).as(bad).isEqualTo(Attempt.permanent("invalid email address", false));
            }
            assertThat(relay.connections()).isZero();
        }
    }

    @Test
    void timeoutsDefaultWhenUnsetAndAreLeftAloneWhenSet() throws Exception {
        try (SmtpConnections defaults = connections(2525, 1);
                SmtpConnections set = connections(2525, 1, "mail.smtp.timeout", "1234")) {
            assertThat(defaults.session().getProperty("mail.smtp.connectiontimeout"))
                    .isEqualTo("5000");
            assertThat(defaults.session().getProperty("mail.smtp.timeout")).isEqualTo("15000");
            assertThat(defaults.session().getProperty("mail.smtp.writetimeout")).isEqualTo("15000");
            assertThat(set.session().getProperty("mail.smtp.timeout")).isEqualTo("1234");
        }
    }

    /**
     * Many messages from many threads at once reach GreenMail over at most {@code ssn.delivery.email.connections}
     * connections. Also measures the pool against Spring's connection-per-message sending (printed, not asserted:
     * the machine is shared).
     */
    @Test
    void manyMessagesFromManyThreadsShareAFewConnectionsAndAllArrive() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        int count = 200;
        try (SmtpConnections connections = connections(greenMail.getSmtp().getPort(), 4);
                ExecutorService threads = Executors.newFixedThreadPool(16)) {
            EmailSender sender = sender(connections);
            long began = System.nanoTime();
            List<Future<Attempt>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                DeliveryRequested request = request(Feed.WEEKLY_BULLETIN, "n-" + i);
                attempts.add(threads.submit(() -> sender.send(
                        request,
                        endpoint("school" + (request.notificationId().hashCode() & 7) + "@district.example"))));
            }
            for (Future<Attempt> attempt : attempts) {
                assertThat(attempt.get().succeeded()).isTrue();
            }
            long pooledNanos = System.nanoTime() - began;

            assertThat(greenMail.waitForIncomingEmail(10_000, count)).isTrue();
            assertThat(connections.opened()).isBetween(1L, 4L);
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(java.util.Arrays.stream(received)
                            .map(m -> {
                                try {
                                    return m.getMessageID();
                                } catch (jakarta.mail.MessagingException e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                            .distinct())
                    .hasSize(count);

            // for comparison: Spring's sender connects for every message
            JavaMailSenderImpl perMessage = relay(greenMail.getSmtp().getPort());
            int compared = 30;
            began = System.nanoTime();
            for (int i = 0; i < compared; i++) {
                MimeMessage message = messages("https://alerts.schoolsafety.example")
                        .build(perMessage.getSession(), request(Feed.WEEKLY_BULLETIN, "c-" + i), EmailMessagesTests.TO);
                perMessage.send(message);
            }
            long perMessageNanos = System.nanoTime() - began;
            System.out.printf(
                    "email pool: %d messages in %d ms over %d connections (%.0f/s); connection per message, one"
                            + " thread: %d in %d ms (%.0f/s)%n",
                    count,
                    pooledNanos / 1_000_000,
                    connections.opened(),
                    count * 1e9 / pooledNanos,
                    compared,
                    perMessageNanos / 1_000_000,
                    compared * 1e9 / perMessageNanos);
        } finally {
            greenMail.stop();
        }
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private static EmailSender sender(SmtpConnections connections) {
        return new EmailSender(connections, messages("https://alerts.schoolsafety.example"));
    }

    private static JavaMailSenderImpl relay(int port, String... properties) {
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        relay.setHost("127.0.0.1");
        relay.setPort(port);
        for (int i = 0; i + 1 < properties.length; i += 2) {
            relay.getJavaMailProperties().setProperty(properties[i], properties[i + 1]);
        }
        return relay;
    }

    private static SmtpConnections connections(int port, int size, String... properties) {
        return new SmtpConnections(
                relay(port, properties),
                new EmailSettings(
                        true,
                        2,
                        2,
                        "Alerts <alerts@schoolsafety.example>",
                        size,
                        0,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30)));
    }

    private static DeliveryRequested request(Feed feed) {
        return request(feed, "n-1");
    }

    private static DeliveryRequested request(Feed feed, String notificationId) {
        return EmailMessagesTests.request(feed, "Lockdown", "Shelter in place.", null, notificationId);
    }

    private static EndpointChanged endpoint(String address) {
        return TestEndpoints.verified("ep-1", "mo-district-columbia-93", Channel.EMAIL, address);
    }
}
