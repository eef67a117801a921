package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * The SMTP connections shared by the lanes: bulk email holds at most all connections but those reserved for urgent
 * alerts, so an alert goes at once while a bulletin keeps every other connection busy.
 */
class SmtpLanesTests {

    @Test
    void anUrgentEmailGoesAtOnceWhileBulkEmailHoldsEveryConnectionItMay() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 4, 1);
                ExecutorService threads = Executors.newFixedThreadPool(6)) {
            relay.hold("Subject: Weekly bulletin", letGo);
            EmailSender sender = sender(connections);
            List<Future<Attempt>> bulk = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                DeliveryRequested bulletin = EmailMessagesTests.request(
                        Feed.WEEKLY_BULLETIN, "Weekly bulletin", "This week.", null, "n-bulletin-" + i);
                bulk.add(threads.submit(() -> sender.send(bulletin, endpoint("school@district.example"))));
            }
            await("bulk holds the three connections it may use")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> relay.held() == 3);

            long began = System.nanoTime();
            Attempt urgent = sender.send(
                    EmailMessagesTests.request(Feed.URGENT_ALERTS, "Lockdown", "Shelter in place.", null, "n-alert"),
                    endpoint("principal@district.example"));
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertThat(urgent.succeeded()).isTrue();
            assertThat(took).as("the alert did not wait for a bulletin").isLessThan(Duration.ofSeconds(2));
            assertThat(relay.held()).as("bulk still waiting").isEqualTo(3);
            letGo.countDown();
            for (Future<Attempt> each : bulk) {
                assertThat(each.get(20, TimeUnit.SECONDS).succeeded()).isTrue();
            }
            assertThat(relay.messages()).hasSize(7);
            assertThat(connections.opened()).isLessThanOrEqualTo(4);
        } finally {
            letGo.countDown();
        }
    }

    @Test
    void withNothingReservedBulkMayHoldEveryConnection() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        try (TinySmtpServer relay = new TinySmtpServer(TinySmtpServer.Behaviour.normal());
                SmtpConnections connections = connections(relay.port(), 2, 0);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            relay.hold("Subject: Weekly bulletin", letGo);
            EmailSender sender = sender(connections);
            for (int i = 0; i < 2; i++) {
                DeliveryRequested bulletin = EmailMessagesTests.request(
                        Feed.WEEKLY_BULLETIN, "Weekly bulletin", "This week.", null, "n-bulletin-" + i);
                threads.submit(() -> sender.send(bulletin, endpoint("school@district.example")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.held() == 2);
            letGo.countDown();
        } finally {
            letGo.countDown();
        }
    }

    private static SmtpConnections connections(int port, int size, int reservedForUrgent) {
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        relay.setHost("127.0.0.1");
        relay.setPort(port);
        return new SmtpConnections(
                relay,
                new EmailSettings(
                        true,
                        2,
                        2,
                        "Alerts <alerts@schoolsafety.example>",
                        size,
                        reservedForUrgent,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30)));
    }

    private static EmailSender sender(SmtpConnections connections) {
        return new EmailSender(connections, EmailMessagesTests.messages("https://alerts.schoolsafety.example"));
    }

    private static EndpointChanged endpoint(String address) {
        return TestEndpoints.verified("ep-1", "mo-district-columbia-93", Channel.EMAIL, address);
    }
}
