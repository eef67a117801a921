package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.OutcomeLog;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.SignedLinks;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email deliveries through a real broker and Redis to GreenMail on the loopback address, behind a proxy that
 * counts SMTP connections: each request is sent once however often it is redelivered, with its outcome; a bulletin
 * carries the one-click unsubscribe headers and an urgent alert does not; and many messages share a few
 * connections. (Refusals, deferrals and dropped connections need a relay that misbehaves: {@link EmailSenderTests}.)
 */
@SpringBootTest(
        properties = {
            "ssn.links.base-url=https://alerts.schoolsafety.example",
            "ssn.links.signing-key=an-integration-test-key-of-32-bytes-or-more",
            "ssn.delivery.email.from=Missouri School Safety Alerts <alerts@schoolsafety.example>",
            "ssn.delivery.webhooks.enabled=false",
            "ssn.delivery.urgent.attempts=3",
            "ssn.delivery.urgent.first-retry=200ms",
            "ssn.delivery.urgent.jitter=0ms",
            "ssn.delivery.bulk.attempts=3",
            "ssn.delivery.bulk.first-retry=200ms",
            "ssn.delivery.bulk.jitter=0ms"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailDeliveryIT {

    static final GreenMail GREENMAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final CountingProxy SMTP;

    static {
        GREENMAIL.start();
        try {
            SMTP = new CountingProxy(GREENMAIL.getSmtp().getPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private SignedLinks signedLinks;

    @Autowired
    private MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private OutcomeLog outcomes;

    @BeforeAll
    void endpoints() throws Exception {
        outcomes = new OutcomeLog(bootstrap);
        for (int i = 0; i < 10; i++) {
            endpoint("ep-mail-" + i, "school" + i + "@district.example");
        }
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        SMTP.close();
        GREENMAIL.stop();
    }

    @Test
    void aRequestReachesTheRelayOnceHoweverOftenItIsRedelivered() throws Exception {
        DeliveryRequested request = request("n-once", "ep-mail-0", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-mail-0", request).get();
        DeliverySucceeded succeeded = awaitOutcome(request.deliveryId(), DeliverySucceeded.class);
        assertThat(succeeded.channel()).isEqualTo(Channel.EMAIL);
        assertThat(succeeded.attempt()).isEqualTo(1);
        assertThat(succeeded.providerReference()).isEqualTo("250");
        assertThat(received(request)).hasSize(1);

        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-mail-0", request).get();
        DeliveryRequested marker = request("n-once-after", "ep-mail-0", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-mail-0", marker).get();
        awaitOutcome(marker.deliveryId(), DeliverySucceeded.class);
        assertThat(received(marker)).hasSize(1);
        assertThat(received(request))
                .as("redelivered after success: not sent again")
                .hasSize(1);
    }

    @Test
    void aBulletinOffersOneClickUnsubscribeAndAnUrgentAlertDoesNot() throws Exception {
        DeliveryRequested bulletin = request("n-bulletin", "ep-mail-1", Feed.WEEKLY_BULLETIN);
        DeliveryRequested alert = request("n-alert", "ep-mail-1", Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-mail-1", bulletin).get();
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-mail-1", alert).get();
        awaitOutcome(bulletin.deliveryId(), DeliverySucceeded.class);
        awaitOutcome(alert.deliveryId(), DeliverySucceeded.class);

        MimeMessage bulletinMail = received(bulletin).getFirst();
        assertThat(bulletinMail.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("school1@district.example");
        assertThat(bulletinMail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String unsubscribe = bulletinMail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe)
                .startsWith("<https://alerts.schoolsafety.example/public/unsubscribe/")
                .endsWith(">");
        String token = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1, unsubscribe.length() - 1);
        assertThat(signedLinks.verify("unsubscribe", token)).isEqualTo("ep-mail-1:WEEKLY_BULLETIN");

        MimeMessage alertMail = received(alert).getFirst();
        assertThat(alertMail.getHeader("List-Unsubscribe")).isNull();
        assertThat(alertMail.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(alertMail.getSubject()).isEqualTo("Lockdown at n-alert");
    }

    @Test
    void manyMessagesShareAFewSmtpConnections() throws Exception {
        int count = 120;
        int connectionsBefore = SMTP.connections();
        List<DeliveryRequested> requests = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<?>> published = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String endpoint = "ep-mail-" + (i % 10);
            DeliveryRequested request =
                    request("n-many-" + i, endpoint, i % 2 == 0 ? Feed.URGENT_ALERTS : Feed.WEEKLY_BULLETIN);
            requests.add(request);
            published.add(publisher.publish(Topics.deliveryRequests(request.lane()), endpoint, request));
        }
        for (var each : published) {
            each.get();
        }
        Set<String> wanted = new HashSet<>();
        requests.forEach(r -> wanted.add(r.deliveryId()));
        await("all delivered")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> succeeded(wanted).size() == count);
        long took = System.nanoTime() - began;

        for (DeliveryRequested request : requests) {
            assertThat(received(request)).as(request.notificationId()).hasSize(1);
        }
        int opened = SMTP.connections() - connectionsBefore;
        assertThat(SMTP.connections())
                .as("ssn.delivery.email.connections caps the connections, for this test and the others in the class")
                .isLessThanOrEqualTo(4);
        assertThat(meters.get("ssn.delivery.email.connections.opened")
                        .functionCounter()
                        .count())
                .isEqualTo(SMTP.connections());
        System.out.printf(
                "email through Kafka: %d deliveries in %d ms (%.0f/s) over %d new SMTP connections (%d in all)%n",
                count, took / 1_000_000, count * 1e9 / took, opened, SMTP.connections());
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private void endpoint(String id, String address) throws Exception {
        TestEndpoints.publish(publisher, id, "mo-district-columbia-93", Channel.EMAIL, address);
    }

    private static DeliveryRequested request(String notificationId, String endpointId, Feed feed) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, endpointId),
                notificationId,
                endpointId,
                "mo-district-columbia-93",
                Channel.EMAIL,
                "ignored: the directory has the address",
                feed == Feed.URGENT_ALERTS ? Lane.URGENT : Lane.BULK,
                feed,
                new Message("Lockdown at " + notificationId, "Shelter in place.", "<p>Shelter in place.</p>"),
                Instant.now());
    }

    /** The messages GreenMail holds for this delivery, by its Message-ID. */
    private static List<MimeMessage> received(DeliveryRequested request) {
        String messageId = "<" + request.deliveryId() + "@schoolsafety.example>";
        return Arrays.stream(GREENMAIL.getReceivedMessages())
                .filter(m -> messageId.equals(messageId(m)))
                .toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends DeliveryOutcome> T awaitOutcome(String deliveryId, Class<T> type) {
        return outcomes.await(deliveryId, type, Duration.ofSeconds(30));
    }

    private Set<String> succeeded(Set<String> deliveryIds) {
        Set<String> done = new HashSet<>();
        for (DeliveryOutcome outcome : outcomes(deliveryIds)) {
            // an attempt may be put off ("endpoint busy": at most 4 calls to one endpoint at once), never given up
            assertThat(outcome)
                    .as("no permanent failure")
                    .matches(o -> !(o instanceof DeliveryFailed failed) || !failed.permanent(), "not permanent");
            if (outcome instanceof DeliverySucceeded) {
                done.add(outcome.deliveryId());
            }
        }
        return done;
    }

    /** The outcomes of these deliveries, in the order published per endpoint. */
    private List<DeliveryOutcome> outcomes(Set<String> deliveryIds) {
        return deliveryIds.stream().flatMap(id -> outcomes.of(id).stream()).toList();
    }
}
