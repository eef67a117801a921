package org.schoolsafety.subscription.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Urgent first at expansion: while a bulletin's expansion is in progress (held half-way by a test hook, as a
 * statewide expansion to tens of thousands would be), an urgent alert published after it is expanded and committed
 * within seconds; the bulletin's expansion then completes, once, with every request. And the bulk lane's consumer
 * group, new with the split, takes over the single expander's position once.
 */
@SpringBootTest
@RealInfrastructure
class UrgentFirstIT {

    static final String SLOW_BULLETIN = "bulletin-held-half-way";
    static final String COLUMBIA = "mo-district-columbia-93";
    static final int ENDPOINTS = 40;

    /** Holds {@link #SLOW_BULLETIN}'s expansion after its tenth request until the test lets it go. */
    @TestConfiguration
    static class HeldBulletin {
        static final CountDownLatch holding = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);

        @Bean
        @Primary
        ExpansionCheckpoint holdingCheckpoint() {
            return (notificationId, count) -> {
                if (SLOW_BULLETIN.equals(notificationId) && count == 10) {
                    holding.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private EndpointView endpoints;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @Test
    void anUrgentAlertIsExpandedWhileABulletinsExpansionIsStillInProgress() throws Exception {
        Expansions expansions = new Expansions(publisher, endpoints, bootstrap);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            ids.add(expansions.endpoint(
                    "ep-urgent-first-%02d".formatted(i),
                    COLUMBIA,
                    Channel.EMAIL,
                    "office%02d@cpsk12.example".formatted(i),
                    List.of(Feed.URGENT_ALERTS, Feed.WEEKLY_BULLETIN)));
        }
        Audience columbia = Audience.organisations(List.of(COLUMBIA));

        expansions.publish(Expansions.notification(SLOW_BULLETIN, Feed.WEEKLY_BULLETIN, Lane.BULK, columbia));
        assertThat(HeldBulletin.holding.await(60, TimeUnit.SECONDS))
                .as("the bulletin's expansion began")
                .isTrue();
        try {
            long published = System.nanoTime();
            Expansions.Expansion alert =
                    expansions.await(publishedUrgent(expansions, columbia), Duration.ofSeconds(10));
            long tookMs = (System.nanoTime() - published) / 1_000_000;
            assertThat(alert.endpointIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(alert.requests()).allSatisfy(r -> assertThat(r.lane()).isEqualTo(Lane.URGENT));
            assertThat(tookMs).as("the alert waited for no bulletin").isLessThan(10_000);
            Expansions.Expansion bulletinSoFar = expansions.read(SLOW_BULLETIN);
            assertThat(bulletinSoFar.expanded())
                    .as("the bulletin's expansion is still in progress")
                    .isNull();
            assertThat(bulletinSoFar.requests())
                    .as("and nothing of it is visible yet")
                    .isEmpty();
        } finally {
            HeldBulletin.release.countDown();
        }

        Expansions.Expansion bulletin = expansions.await(SLOW_BULLETIN, Duration.ofSeconds(60));
        assertThat(bulletin.expanded().expected()).isEqualTo(ENDPOINTS);
        assertThat(bulletin.requests().stream().map(DeliveryRequested::deliveryId))
                .hasSize(ENDPOINTS)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(ids.stream().map(e -> DeliveryIds.of(SLOW_BULLETIN, e)))
                        .contains(id));
        assertThat(bulletin.requests()).allSatisfy(r -> assertThat(r.lane()).isEqualTo(Lane.BULK));
    }

    @Test
    void theBulkGroupStartsWhereTheSingleExpanderStoodAndOnlyOnce() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> stood = Map.of(
                    new TopicPartition(Topics.NOTIFICATIONS.name(), 0), new OffsetAndMetadata(3),
                    new TopicPartition(Topics.NOTIFICATIONS.name(), 1), new OffsetAndMetadata(5));
            admin.alterConsumerGroupOffsets("single-expander", stood).all().get(10, TimeUnit.SECONDS);

            assertThat(BulkGroupStart.seed(admin, "single-expander", "young-bulk-expander"))
                    .isTrue();
            assertThat(offsets(admin, "young-bulk-expander")).isEqualTo(stood);

            admin.alterConsumerGroupOffsets(
                            "single-expander",
                            Map.of(new TopicPartition(Topics.NOTIFICATIONS.name(), 0), new OffsetAndMetadata(9)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            assertThat(BulkGroupStart.seed(admin, "single-expander", "young-bulk-expander"))
                    .as("a group with a position of its own keeps it")
                    .isFalse();
            assertThat(offsets(admin, "young-bulk-expander")).isEqualTo(stood);
            assertThat(BulkGroupStart.seed(admin, "no-such-group", "another-young-group"))
                    .as("nothing to take over: the group starts as any new group does")
                    .isFalse();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
    }

    private static String publishedUrgent(Expansions expansions, Audience audience) throws Exception {
        String id = "urgent-behind-a-bulletin";
        expansions.publish(Expansions.notification(id, Feed.URGENT_ALERTS, Lane.URGENT, audience));
        return id;
    }
}
