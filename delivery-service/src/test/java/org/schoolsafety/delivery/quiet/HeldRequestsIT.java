package org.schoolsafety.delivery.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Held requests in a real Redis server: they come back whole (message, window, organisation name, trace context)
 * when due and not before, one claim at a time, once; the requests of one message share one copy of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldRequestsIT {

    static final Instant NIGHT = Instant.parse("2026-12-09T04:00:00Z"); // 22:00 in Chicago
    static final Instant MORNING = Instant.parse("2026-12-09T12:00:00Z"); // 06:00 in Chicago
    static final Duration CLAIM = Duration.ofMinutes(2);

    private RedisServerProcess redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate template;
    private HeldRequests held;

    @BeforeAll
    void start() {
        redis = RedisServerProcess.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
        held = new HeldRequests(template);
    }

    @BeforeEach
    void empty() {
        template.execute((org.springframework.data.redis.core.RedisCallback<Object>) c -> {
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
    void aHeldRequestComesBackWholeWhenDueAndNotBefore() {
        DeliveryRequested request = request("ep-1");
        held.hold(request, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", MORNING, NIGHT);

        assertThat(held.claimDue(MORNING.minusMillis(1), 100, CLAIM).requests()).isEmpty();
        HeldRequests.Claim claim = held.claimDue(MORNING, 100, CLAIM);
        assertThat(claim.requests())
                .containsExactly(
                        new HeldRequests.Held(request, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @Test
    void aClaimedRequestIsNotClaimedAgainUntilTheClaimRunsOutAndIsGoneOnceRemoved() {
        DeliveryRequested request = request("ep-1");
        held.hold(request, null, MORNING, NIGHT);

        HeldRequests.Claim first = held.claimDue(MORNING, 100, CLAIM);
        assertThat(first.requests()).hasSize(1);
        assertThat(held.claimDue(MORNING.plusSeconds(1), 100, CLAIM).requests())
                .as("another instance, a second later")
                .isEmpty();
        HeldRequests.Claim again = held.claimDue(MORNING.plus(CLAIM), 100, CLAIM);
        assertThat(again.requests()).as("the first claimer died").hasSize(1);

        held.remove(first, java.util.List.of(request.deliveryId()));
        assertThat(held.count()).as("the stale claim removes nothing").isEqualTo(1);
        held.remove(again, java.util.List.of(request.deliveryId()));
        assertThat(held.count()).isZero();
        assertThat(held.claimDue(MORNING.plus(Duration.ofDays(1)), 100, CLAIM).requests())
                .isEmpty();
    }

    @Test
    void holdingTheSameDeliveryTwiceKeepsOneAndRequestsOfOneMessageShareIt() {
        held.hold(request("ep-1"), null, MORNING, NIGHT);
        held.hold(request("ep-1"), null, MORNING, NIGHT);
        held.hold(request("ep-2"), null, MORNING, NIGHT);

        assertThat(held.count()).isEqualTo(2);
        assertThat(template.keys(HeldRequests.MESSAGE_PREFIX + "*")).hasSize(1);
        assertThat(held.claimDue(MORNING, 100, CLAIM).requests()).hasSize(2);
    }

    @Test
    void claimsComeInBatches() {
        for (int i = 0; i < 5; i++) {
            held.hold(request("ep-" + i), null, MORNING, NIGHT);
        }
        assertThat(held.claimDue(MORNING, 3, CLAIM).requests()).hasSize(3);
        assertThat(held.claimDue(MORNING, 3, CLAIM).requests()).hasSize(2);
    }

    static DeliveryRequested request(String endpointId) {
        return new DeliveryRequested(
                DeliveryIds.of("n-bulletin", endpointId),
                "n-bulletin",
                endpointId,
                "mo-district-columbia-93",
                Channel.EMAIL,
                endpointId + "@district.example",
                Lane.BULK,
                Feed.WEEKLY_BULLETIN,
                new Message("This week, {organisation}", "Dear {organisation}", "<p>Dear {organisation}</p>"),
                Instant.parse("2026-12-09T03:59:00Z"),
                "Columbia Public Schools",
                DeliveryWindow.DEFAULT);
    }
}
