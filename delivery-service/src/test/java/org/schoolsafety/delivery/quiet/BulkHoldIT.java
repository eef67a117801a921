package org.schoolsafety.delivery.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.testing.net.Ports;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the lane listeners hold at 22:00 in Chicago, with a real Redis server: this channel's bulk requests outside
 * their window, nothing else; with Redis gone, nothing (delivered now rather than lost); with quiet hours off,
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkHoldIT {

    static final Clock NIGHT = Clock.fixed(HeldRequestsIT.NIGHT, ZoneOffset.UTC);

    private RedisServerProcess redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate template;

    @BeforeAll
    void start() {
        redis = RedisServerProcess.start();
        connections = connect(redis.port());
        template = new StringRedisTemplate(connections);
    }

    @BeforeEach
    void empty() {
        template.execute((RedisCallback<Object>) c -> {
            c.serverCommands().flushAll();
            return null;
        });
    }

    @AfterAll
    void stop() {
        connections.destroy();
        redis.close();
    }

    @Test
    void aBulkRequestOfThisChannelOutsideItsWindowIsHeldUntilItOpens() {
        HeldRequests held = new HeldRequests(template);
        BulkHold hold = new BulkHold(held, NIGHT, true, new SimpleMeterRegistry());

        assertThat(hold.held(Channel.EMAIL, record(HeldRequestsIT.request("ep-1"))))
                .isTrue();
        assertThat(held.claimDue(HeldRequestsIT.MORNING, 10, HeldRequestsIT.CLAIM)
                        .requests())
                .extracting(HeldRequests.Held::request)
                .containsExactly(HeldRequestsIT.request("ep-1"));
    }

    @Test
    void urgentRequestsRequestsWithoutAWindowAndOtherChannelsRequestsAreNotHeld() {
        HeldRequests held = new HeldRequests(template);
        BulkHold hold = new BulkHold(held, NIGHT, true, new SimpleMeterRegistry());
        DeliveryRequested bulk = HeldRequestsIT.request("ep-1");

        assertThat(hold.held(Channel.SMS, record(bulk))).as("another channel's").isFalse();
        assertThat(hold.held(
                        Channel.EMAIL, record(with(bulk, Lane.URGENT, Feed.URGENT_ALERTS, DeliveryWindow.DEFAULT))))
                .as("urgent")
                .isFalse();
        assertThat(hold.held(Channel.EMAIL, record(with(bulk, Lane.BULK, Feed.WEEKLY_BULLETIN, null))))
                .as("no window")
                .isFalse();
        assertThat(held.count()).isZero();
    }

    @Test
    void withQuietHoursOffNothingIsHeld() {
        BulkHold hold = new BulkHold(new HeldRequests(template), NIGHT, false, new SimpleMeterRegistry());

        assertThat(hold.held(Channel.EMAIL, record(HeldRequestsIT.request("ep-1"))))
                .isFalse();
    }

    @Test
    void withRedisGoneTheRequestIsDeliveredNowRatherThanLost() {
        LettuceConnectionFactory nowhere = connect(Ports.free());
        try {
            BulkHold hold = new BulkHold(
                    new HeldRequests(new StringRedisTemplate(nowhere)), NIGHT, true, new SimpleMeterRegistry());

            assertThat(hold.held(Channel.EMAIL, record(HeldRequestsIT.request("ep-1"))))
                    .isFalse();
        } finally {
            nowhere.destroy();
        }
    }

    private static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static ConsumerRecord<String, Object> record(DeliveryRequested request) {
        return new ConsumerRecord<>(Topics.DELIVERY_REQUESTS_BULK.name(), 0, 0L, request.endpointId(), request);
    }

    private static DeliveryRequested with(DeliveryRequested r, Lane lane, Feed feed, DeliveryWindow window) {
        return new DeliveryRequested(
                r.deliveryId(),
                r.notificationId(),
                r.endpointId(),
                r.organisationId(),
                r.channel(),
                r.address(),
                lane,
                feed,
                r.message(),
                r.requestedAt(),
                r.organisationName(),
                window);
    }
}
