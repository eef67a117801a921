package org.schoolsafety.delivery.quiet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.OutcomeLog;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Quiet hours through a real broker and Redis to GreenMail, the service's clock fixed at 22:00 in Chicago: a
 * bulletin email waits, held in Redis, and goes exactly once when the clock reaches 06:00, even when its request
 * came twice, or was released twice; an urgent alert goes at once.
 */
@SpringBootTest(
        properties = {
            "ssn.links.base-url=https://alerts.schoolsafety.example",
            "ssn.links.signing-key=an-integration-test-key-of-32-bytes-or-more",
            "ssn.delivery.email.from=Missouri School Safety Alerts <alerts@schoolsafety.example>",
            "ssn.delivery.webhooks.enabled=false",
            "ssn.delivery.sms.enabled=false",
            "ssn.delivery.quiet-hours.release-every=200ms"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuietHoursIT {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Instant TEN_AT_NIGHT =
            java.time.LocalDateTime.parse("2026-12-08T22:00").atZone(CHICAGO).toInstant();
    static final Instant SIX_IN_THE_MORNING =
            java.time.LocalDateTime.parse("2026-12-09T06:00").atZone(CHICAGO).toInstant();

    static final MovableClock CLOCK = new MovableClock(TEN_AT_NIGHT);
    static final GreenMail GREENMAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        GREENMAIL.start();
    }

    /** The service's clock, moved by the test. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedTime {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> GREENMAIL.getSmtp().getPort());
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private HeldRequests held;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private OutcomeLog outcomes;

    @BeforeAll
    void endpoints() throws Exception {
        outcomes = new OutcomeLog(bootstrap);
        TestEndpoints.publish(
                publisher, "ep-quiet-1", "mo-district-columbia-93", Channel.EMAIL, "school@district.example");
    }

    @AfterAll
    void stop() throws Exception {
        outcomes.close();
        GREENMAIL.stop();
    }

    @Test
    void aBulletinAtTenAtNightGoesOnceAtSixAndAnAlertGoesAtOnce() throws Exception {
        CLOCK.set(TEN_AT_NIGHT);
        DeliveryRequested bulletin = request("n-bulletin", Lane.BULK, Feed.WEEKLY_BULLETIN);
        DeliveryRequested alert = request("n-alert", Lane.URGENT, Feed.URGENT_ALERTS);
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-quiet-1", bulletin).get();
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-quiet-1", bulletin).get(); // redelivered
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-quiet-1", alert).get();

        outcomes.await(alert.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
        assertThat(received(alert)).as("the alert, at 22:00").hasSize(1);
        await("the bulletin held in Redis")
                .atMost(Duration.ofSeconds(30))
                .until(() -> redis.opsForZSet().score(HeldRequests.DUE, bulletin.deliveryId()) != null);
        await("nothing sent at night")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> received(bulletin).isEmpty()
                        && outcomes.of(bulletin.deliveryId()).isEmpty());
        assertThat(redis.opsForZSet().score(HeldRequests.DUE, bulletin.deliveryId()))
                .as("due at 06:00 in Chicago")
                .isEqualTo((double) SIX_IN_THE_MORNING.toEpochMilli());

        CLOCK.set(SIX_IN_THE_MORNING);

        DeliverySucceeded sent = outcomes.await(bulletin.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        await("released and removed")
                .atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForZSet().zCard(HeldRequests.DUE) == 0);
        await("sent exactly once")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> received(bulletin).size() == 1);
        MimeMessage mail = received(bulletin).getFirst();
        assertThat(mail.getSubject()).isEqualTo("This week at Columbia Public Schools");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(outcomes.of(bulletin.deliveryId()))
                .as("one outcome: the redelivered request was held once and sent once")
                .hasSize(1);
    }

    /**
     * An instance claimed a due request, put it back on the lane and died before removing it: once its claim has run
     * out another releases it again, and the email still goes once.
     */
    @Test
    void aRequestReleasedTwiceIsSentOnce() throws Exception {
        Instant night = TEN_AT_NIGHT.plus(Duration.ofDays(1));
        Instant morning = SIX_IN_THE_MORNING.plus(Duration.ofDays(1));
        Duration claimFor = Duration.ofMinutes(2); // ssn.delivery.quiet-hours.claim-for
        CLOCK.set(night);
        DeliveryRequested bulletin = request("n-released-twice", Lane.BULK, Feed.WEEKLY_BULLETIN);
        held.hold(bulletin, null, morning, night);
        assertThat(held.claimDue(morning, 10, claimFor).requests())
                .as("claimed by the instance that dies")
                .hasSize(1);

        CLOCK.set(morning.plus(claimFor).plusSeconds(1));
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-quiet-1", bulletin).get(); // its release, then it died

        outcomes.await(bulletin.deliveryId(), DeliverySucceeded.class, Duration.ofSeconds(30));
        await("released again by this instance, and removed")
                .atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForZSet().score(HeldRequests.DUE, bulletin.deliveryId()) == null);
        await("sent exactly once")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> received(bulletin).size() == 1);
        assertThat(outcomes.of(bulletin.deliveryId())).hasSize(1);
    }

    private static DeliveryRequested request(String notificationId, Lane lane, Feed feed) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, "ep-quiet-1"),
                notificationId,
                "ep-quiet-1",
                "mo-district-columbia-93",
                Channel.EMAIL,
                "ignored: the directory has the address",
                lane,
                feed,
                new Message(
                        "This week at " + Message.ORGANISATION_NAME,
                        "Dear " + Message.ORGANISATION_NAME + ",",
                        "<p>Dear " + Message.ORGANISATION_NAME + ",</p>"),
                TEN_AT_NIGHT,
                "Columbia Public Schools",
                // urgent requests come without a window; one that had one would still not wait
                DeliveryWindow.DEFAULT);
    }

    /** The messages GreenMail holds for this delivery, by its Message-ID. */
    private static List<MimeMessage> received(DeliveryRequested request) {
        String messageId = "<" + request.deliveryId() + "@schoolsafety.example>";
        return Arrays.stream(GREENMAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return messageId.equals(m.getMessageID());
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** A clock the test sets; the service reads it for quiet hours. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
