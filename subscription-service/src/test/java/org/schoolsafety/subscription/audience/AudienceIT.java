package org.schoolsafety.subscription.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.subscription.TopicRecords;
import org.schoolsafety.subscription.directory.DirectoryCommands;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisServerCommands;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Audience resolution on a real broker and Redis: endpoints stand on the {@code directory} topic as
 * subscription-service's API and verification would leave them; notifications go in on {@code notifications};
 * what comes out is read as a read-committed consumer (delivery-service) would read it.
 */
@SpringBootTest
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudienceIT {

    static final String COLUMBIA = "mo-district-columbia-93";
    static final String ROCK_BRIDGE = "mo-school-rock-bridge-sr-high";
    static final String JEFFERSON_CITY = "mo-district-jefferson-city";
    static final String KANSAS_CITY = "mo-district-kansas-city-33";
    static final String CRASHING = "notification-that-crashes-once";

    /** Fails the first expansion of {@link #CRASHING} after its second request, as a process dying would. */
    @TestConfiguration
    static class CrashOnce {
        static final AtomicBoolean crashed = new AtomicBoolean();

        @Bean
        @Primary
        ExpansionCheckpoint crashingCheckpoint() {
            return (notificationId, count) -> {
                if (CRASHING.equals(notificationId) && count == 2 && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash half-way through an expansion");
                }
            };
        }
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private EndpointView endpoints;

    @Autowired
    private DirectoryCommands directory;

    @Autowired
    private StringRedisTemplate redis;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void endpointsAsTheDirectoryHoldsThem() throws Exception {
        // Columbia's district office may receive AMBER+STRICT advisories; everyone else has the GREEN default
        directory.change(
                new Caller("test-state-admin", "mo-state", Set.of(Role.STATE_ADMIN)),
                COLUMBIA,
                null,
                null,
                "AMBER_STRICT");
        endpoint(
                "school-email",
                ROCK_BRIDGE,
                Channel.EMAIL,
                "office@rockbridge.example",
                null,
                List.of(Feed.URGENT_ALERTS),
                false,
                null,
                true,
                false,
                false);
        endpoint(
                "district-sms-stopped",
                COLUMBIA,
                Channel.SMS,
                "+15735550142",
                null,
                List.of(Feed.URGENT_ALERTS, Feed.WEEKLY_BULLETIN),
                true,
                null,
                true,
                true,
                false);
        endpoint(
                "district-webhook",
                COLUMBIA,
                Channel.WEBHOOK,
                "https://93.184.215.14/ssn",
                EndpointRole.IT_SYSTEM,
                List.of(Feed.URGENT_ALERTS, Feed.CYBER_ADVISORIES),
                true,
                "high",
                true,
                false,
                false);
        endpoint(
                "jc-superintendent",
                JEFFERSON_CITY,
                Channel.EMAIL,
                "super@jcschools.example",
                EndpointRole.SUPERINTENDENT,
                List.of(Feed.URGENT_ALERTS),
                false,
                null,
                true,
                false,
                false);
        endpoint(
                "unverified",
                "mo-school-david-h-hickman-high",
                Channel.EMAIL,
                "new@hickman.example",
                null,
                List.of(Feed.URGENT_ALERTS),
                true,
                null,
                false,
                false,
                false);
        endpoint(
                "removed",
                "mo-school-jefferson-city-high",
                Channel.EMAIL,
                "old@jchs.example",
                null,
                List.of(Feed.URGENT_ALERTS),
                true,
                null,
                true,
                false,
                true);
        endpoint(
                "kc-cyber",
                KANSAS_CITY,
                Channel.EMAIL,
                "soc@kcps.example",
                EndpointRole.CYBERSECURITY_COORDINATOR,
                List.of(Feed.CYBER_ADVISORIES),
                false,
                "low",
                true,
                false,
                false);
    }

    @Test
    void statewideUrgentAlertReachesEveryVerifiedSubscriberOnceWithDeterministicIds() throws Exception {
        NotificationRequested statewide =
                notification("statewide", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, Audience.everyone());
        Expansion result = expand(statewide);
        assertThat(result.endpointIds())
                .containsExactlyInAnyOrder(
                        id("school-email"),
                        id("district-sms-stopped"),
                        id("district-webhook"),
                        id("jc-superintendent"));
        assertThat(result.expanded().expected()).isEqualTo(4);
        assertThat(result.expanded().emails()).isEqualTo(2);
        assertThat(result.expanded().sms()).isEqualTo(1);
        assertThat(result.expanded().webhooks()).isEqualTo(1);
        for (DeliveryRequested request : result.requests()) {
            assertThat(request.deliveryId()).isEqualTo(DeliveryIds.of("statewide", request.endpointId()));
            assertThat(request.lane()).isEqualTo(Lane.URGENT);
            // the channel's own rendition: no CAP XML in an email, no HTML in an SMS
            assertThat(request.message()).isEqualTo(statewide.message().renditionFor(request.channel()));
        }
    }

    @Test
    void countiesOrganisationsKindsAndRolesNarrowTheAudience() throws Exception {
        Audience boone = new Audience(false, List.of(), List.of("29019"), List.of(), List.of(), List.of());
        assertThat(expand(notification("boone", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, boone))
                        .endpointIds())
                .containsExactlyInAnyOrder(id("school-email"), id("district-sms-stopped"), id("district-webhook"));

        Audience columbiaSchools = new Audience(
                false, List.of(), List.of(), List.of(COLUMBIA), List.of(OrganisationKind.SCHOOL), List.of());
        assertThat(expand(notification(
                                "columbia-schools",
                                Feed.URGENT_ALERTS,
                                Lane.URGENT,
                                false,
                                null,
                                null,
                                columbiaSchools))
                        .endpointIds())
                .containsExactly(id("school-email"));

        Audience superintendents =
                new Audience(true, List.of(), List.of(), List.of(), List.of(), List.of(EndpointRole.SUPERINTENDENT));
        assertThat(expand(notification(
                                "superintendents", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, superintendents))
                        .endpointIds())
                .containsExactly(id("jc-superintendent"));

        // an escalation to Boone County's SMS numbers only
        Audience booneSms =
                new Audience(false, List.of(), List.of("29019"), List.of(), List.of(), List.of(), List.of(Channel.SMS));
        assertThat(expand(notification("boone-sms", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, booneSms))
                        .endpointIds())
                .containsExactly(id("district-sms-stopped"));

        Audience regionA = new Audience(false, List.of("mo-region-a"), List.of(), List.of(), List.of(), List.of());
        assertThat(expand(notification("region-a", Feed.CYBER_ADVISORIES, Lane.BULK, false, null, "critical", regionA))
                        .endpointIds())
                .containsExactly(id("kc-cyber"));
    }

    @Test
    void drillsStopRepliesSeverityAndTlpDecideWhoMayReceive() throws Exception {
        assertThat(expand(notification("drill", Feed.URGENT_ALERTS, Lane.URGENT, true, null, null, Audience.everyone()))
                        .endpointIds())
                .as("only endpoints that opted in to drills, only verified ones, and no number that replied STOP")
                .containsExactly(id("district-webhook"));
        Expansion bulletin = expand(
                notification("bulletin", Feed.WEEKLY_BULLETIN, Lane.BULK, false, null, null, Audience.everyone()));
        assertThat(bulletin.endpointIds())
                .as("STOP suppresses every non-emergency feed")
                .isEmpty();
        assertThat(bulletin.expanded().expected()).isZero();

        assertThat(expand(notification(
                                "medium",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.CLEAR,
                                "medium",
                                Audience.everyone()))
                        .endpointIds())
                .containsExactly(id("kc-cyber"));
        assertThat(expand(notification(
                                "critical",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.GREEN,
                                "critical",
                                Audience.everyone()))
                        .endpointIds())
                .containsExactlyInAnyOrder(id("kc-cyber"), id("district-webhook"));
        assertThat(expand(notification(
                                "red",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.RED,
                                "critical",
                                Audience.everyone()))
                        .endpointIds())
                .as("TLP:RED goes to named people, never to lists or webhooks")
                .isEmpty();
        assertThat(expand(notification(
                                "amber",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.AMBER,
                                "critical",
                                Audience.everyone()))
                        .endpointIds())
                .as("TLP:AMBER only to organisations cleared for it")
                .containsExactly(id("district-webhook"));
        assertThat(expand(notification(
                                "strict-uncleared",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.AMBER_STRICT,
                                "critical",
                                Audience.organisations(List.of(KANSAS_CITY))))
                        .endpointIds())
                .as("listed, but not cleared")
                .isEmpty();
        Audience columbiaOnly = Audience.organisations(List.of(COLUMBIA));
        assertThat(expand(notification(
                                "strict",
                                Feed.CYBER_ADVISORIES,
                                Lane.BULK,
                                false,
                                Tlp.AMBER_STRICT,
                                "critical",
                                columbiaOnly))
                        .endpointIds())
                .containsExactly(id("district-webhook"));
    }

    @Test
    void aCrashHalfWayLosesNothingAndDuplicatesNothing() throws Exception {
        Expansion result =
                expand(notification(CRASHING, Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, Audience.everyone()));
        assertThat(CrashOnce.crashed)
                .as("the first attempt failed after two requests")
                .isTrue();
        assertThat(result.endpointIds()).hasSize(4).doesNotHaveDuplicates();
        assertThat(result.expandedCount()).isEqualTo(1);
        // the aborted attempt did write records, which no read-committed consumer ever sees
        assertThat(readAll("read_uncommitted").getOrDefault(CRASHING, List.of()).size())
                .isGreaterThan(4);
    }

    @Test
    void aReplayedNotificationYieldsTheSameDeliveryIds() throws Exception {
        NotificationRequested once =
                notification("replayed", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, Audience.everyone());
        List<String> first = expand(once).requests().stream()
                .map(DeliveryRequested::deliveryId)
                .sorted()
                .toList();
        publisher.publish(Topics.NOTIFICATIONS, once.notificationId(), once).get();
        Expansion twice = awaitExpansions(once.notificationId(), 2);
        List<String> all =
                twice.requests().stream().map(DeliveryRequested::deliveryId).toList();
        assertThat(all).hasSize(8);
        assertThat(all.stream().distinct().sorted().toList()).isEqualTo(first);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it stops this context's Redis
    @DirtiesContext
    void withRedisDownAnUrgentAlertStillReachesItsWholeAudience() throws Exception {
        List<String> before = expand(notification(
                        "before-redis-stops", Feed.URGENT_ALERTS, Lane.URGENT, false, null, null, Audience.everyone()))
                .endpointIds();
        assertThat(before).hasSize(4);
        try {
            redis.execute((RedisCallback<Void>) connection -> {
                connection.serverCommands().shutdown(RedisServerCommands.ShutdownOption.NOSAVE);
                return null;
            });
        } catch (RuntimeException expected) {
            // the server closes the connection as it stops
        }
        int port = ((LettuceConnectionFactory) redis.getRequiredConnectionFactory()).getPort();
        // Redis finishes a SHUTDOWN on its next cron tick
        await("Redis is down")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                        .isInstanceOf(ConnectException.class));
        assertThat(expand(notification(
                                "while-redis-is-down",
                                Feed.URGENT_ALERTS,
                                Lane.URGENT,
                                false,
                                null,
                                null,
                                Audience.everyone()))
                        .endpointIds())
                .containsExactlyElementsOf(before);
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private void endpoint(
            String name,
            String organisation,
            Channel channel,
            String address,
            EndpointRole role,
            List<Feed> feeds,
            boolean drills,
            String minSeverity,
            boolean verified,
            boolean suppressed,
            boolean removed)
            throws Exception {
        String id = "ep-test-" + name;
        ids.put(name, id);
        Instant now = Instant.now();
        EndpointChanged endpoint = new EndpointChanged(
                id,
                organisation,
                channel,
                address,
                role,
                channel == Channel.WEBHOOK ? PayloadFormat.JSON : null,
                channel == Channel.WEBHOOK
                        ? List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now, null))
                        : List.of(),
                feeds,
                drills,
                minSeverity,
                verified,
                suppressed,
                removed,
                now);
        long offset = publisher
                .publish(Topics.DIRECTORY, id, endpoint)
                .get()
                .getRecordMetadata()
                .offset();
        endpoints.apply(endpoint, offset);
    }

    private String id(String name) {
        return ids.get(name);
    }

    private static NotificationRequested notification(
            String id, Feed feed, Lane lane, boolean drill, Tlp tlp, String severity, Audience audience) {
        return new NotificationRequested(
                id,
                feed,
                lane,
                "alert",
                "source-" + id,
                drill,
                tlp,
                severity,
                audience,
                new Message("Test " + id, "Body of " + id, "<p>Body of " + id + "</p>", "<alert/>", "SMS " + id),
                Instant.now());
    }

    record Expansion(List<DeliveryRequested> requests, NotificationExpanded expanded, int expandedCount) {
        List<String> endpointIds() {
            return requests.stream().map(DeliveryRequested::endpointId).toList();
        }
    }

    private Expansion expand(NotificationRequested notification) throws Exception {
        publisher
                .publish(Topics.NOTIFICATIONS, notification.notificationId(), notification)
                .get();
        return awaitExpansions(notification.notificationId(), 1);
    }

    /** Waits for the notification's {@code n}-th NotificationExpanded, read committed, and everything before it. */
    private Expansion awaitExpansions(String notificationId, int n) {
        java.util.concurrent.atomic.AtomicReference<Expansion> found =
                new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await(notificationId + " expanded " + n + " time(s)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<Object> records = readAll("read_committed").getOrDefault(notificationId, List.of());
                    List<NotificationExpanded> expanded = records.stream()
                            .filter(NotificationExpanded.class::isInstance)
                            .map(NotificationExpanded.class::cast)
                            .toList();
                    List<DeliveryRequested> requests = records.stream()
                            .filter(DeliveryRequested.class::isInstance)
                            .map(DeliveryRequested.class::cast)
                            .toList();
                    // one transaction, but its commit markers reach each partition in turn: the count says how
                    // many to expect, as it does for a real consumer
                    int expected = expanded.stream()
                            .mapToInt(NotificationExpanded::expected)
                            .sum();
                    if (expanded.size() >= n && requests.size() >= expected) {
                        found.set(new Expansion(requests, expanded.getLast(), expanded.size()));
                        return true;
                    }
                    return false;
                });
        return found.get();
    }

    /** Every delivery request and expansion on the broker, by notification id. */
    private Map<String, List<Object>> readAll(String isolation) {
        Map<String, List<Object>> byNotification = new HashMap<>();
        for (Object value : TopicRecords.readAll(
                bootstrap,
                isolation,
                List.of(
                        Topics.DELIVERY_REQUESTS_URGENT.name(),
                        Topics.DELIVERY_REQUESTS_BULK.name(),
                        Topics.NOTIFICATIONS.name()))) {
            String notificationId = switch (value) {
                case DeliveryRequested request -> request.notificationId();
                case NotificationExpanded expanded -> expanded.notificationId();
                default -> null;
            };
            if (notificationId != null) {
                byNotification
                        .computeIfAbsent(notificationId, k -> new ArrayList<>())
                        .add(value);
            }
        }
        return byNotification;
    }
}
