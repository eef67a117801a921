package org.schoolsafety.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.alert.AlertEvent;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.vocabulary.Lane;

class TopicCatalogTests {

    @Test
    void everyTopicHasItsNameAsAConstantForAnnotations() throws IllegalAccessException {
        var constants = new HashSet<String>();
        for (var field : Topics.Names.class.getFields()) {
            constants.add((String) field.get(null));
        }
        assertThat(constants)
                .containsExactlyInAnyOrderElementsOf(
                        Topics.all().stream().map(Topic::name).toList());
    }

    @Test
    void everyEventTypeTravelsOnSomeTopic() {
        for (EventType<?> type : EventTypes.all()) {
            assertThat(Topics.all())
                    .as("a topic for %s", type.name())
                    .anyMatch(topic -> topic.carries(type.javaType()));
        }
    }

    @Test
    void everyPermittedSubtypeOfATopicsValueTypeIsARegisteredEventType() {
        for (Topic topic : Topics.all()) {
            assertThat(leaves(topic.valueType()))
                    .as("types on %s", topic.name())
                    .isNotEmpty()
                    .allMatch(c -> EventTypes.of(c).isPresent());
        }
    }

    /** The records a value type stands for: itself, or the permitted subtypes of a sealed type, all the way down. */
    private static List<Class<?>> leaves(Class<?> type) {
        if (!type.isSealed()) {
            return List.of(type);
        }
        return Arrays.stream(type.getPermittedSubclasses())
                .flatMap(c -> leaves(c).stream())
                .toList();
    }

    @Test
    void namesAreUniqueAndDeadLetterTopicsFollowTheSpringKafkaSuffix() {
        Set<String> names = new HashSet<>();
        Topics.all().forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
        Set<String> types = new HashSet<>();
        EventTypes.all()
                .forEach(t -> assertThat(types.add(t.name())).as(t.name()).isTrue());
        assertThat(Topics.ALERTS.deadLetterName()).isEqualTo("alerts-dlt");
    }

    @Test
    void stateCarryingTopicsAreCompactedAndTheRestExpire() {
        assertThat(Topics.all().stream().filter(Topic::compacted).map(Topic::name))
                .containsExactlyInAnyOrder("alerts", "directory");
        assertThat(Topics.ALERTS.carries(AlertEvent.class)).isTrue();
        assertThat(Topics.DELIVERY_OUTCOMES.carries(DeliveryOutcome.class)).isTrue();
    }

    @Test
    void urgentAndBulkDeliveryWorkHaveLanesOfTheirOwn() {
        assertThat(Topics.deliveryRequests(Lane.URGENT)).isNotEqualTo(Topics.deliveryRequests(Lane.BULK));
        assertThat(Topics.deliveryRequests(Lane.URGENT).carries(DeliveryRequested.class))
                .isTrue();
        assertThat(Topics.deliveryRequests(Lane.BULK).carries(DeliveryRequested.class))
                .isTrue();
    }

    @Test
    void topicsRejectNamesAndSettingsThatBreakTheConventions() {
        assertThatThrownBy(() -> new Topic("Alerts_v2", 1, false, Duration.ofDays(1), Object.class, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topic("alerts", 1, true, Duration.ofDays(1), Object.class, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventType<>("AlertIssued", String.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveryIdsAreDeterministicPerNotificationAndEndpoint() {
        String once = DeliveryIds.of("notification-1", "endpoint-1");
        assertThat(DeliveryIds.of("notification-1", "endpoint-1")).isEqualTo(once);
        assertThat(DeliveryIds.of("notification-1", "endpoint-2")).isNotEqualTo(once);
        assertThat(DeliveryIds.of("notification-2", "endpoint-1")).isNotEqualTo(once);
        // the contract is UUID.nameUUIDFromBytes of "notification/endpoint": ids made before stay the same
        for (String[] pair : new String[][] {{"notification-1", "endpoint-1"}, {"c2a84f6e", "ep-é"}, {"", ""}}) {
            assertThat(DeliveryIds.of(pair[0], pair[1]))
                    .isEqualTo(UUID.nameUUIDFromBytes((pair[0] + "/" + pair[1]).getBytes(StandardCharsets.UTF_8))
                            .toString());
        }
    }
}
