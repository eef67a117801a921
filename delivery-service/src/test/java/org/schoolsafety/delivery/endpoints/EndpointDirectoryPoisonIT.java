package org.schoolsafety.delivery.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.EventTypes;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicViewsHealth;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.kafka.TopicBytes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 26: an endpoint record on {@code directory} that does not parse no longer keeps delivery-service's view of
 * the endpoints from starting. Started again, the view holds the endpoints written before and after it, and the
 * record is on {@code directory-dlt}, counted and shown in health. (A readable record cannot fail in this view: it
 * only puts what the event's own checks let through into maps.)
 */
@SpringBootTest
@RealInfrastructure
class EndpointDirectoryPoisonIT {

    private static final String VIEW = "delivery-endpoints";
    private static final String UNREADABLE = "ep-unreadable";

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private EndpointDirectory endpoints;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TopicViewsHealth health;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @Test
    void aRestartedViewSkipsAnUnreadableRecordAndHoldsTheRest() throws Exception {
        TestEndpoints.publish(publisher, "ep-before", "mo-district-columbia-93", Channel.EMAIL, "before@example.org");
        TopicBytes.write(
                bootstrap,
                Topics.DIRECTORY.name(),
                UNREADABLE,
                "{\"endpointId\": no json".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ENDPOINT_CHANGED.name()));
        TestEndpoints.publish(publisher, "ep-after", "mo-district-columbia-93", Channel.EMAIL, "after@example.org");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> endpoints.get("ep-after").isPresent());

        endpoints.stop();
        endpoints.start();

        assertThat(endpoints.isRunning()).isTrue();
        assertThat(endpoints.get("ep-before")).isPresent();
        assertThat(endpoints.get("ep-after")).isPresent();
        assertThat(meters.get(SkippedRecords.METRIC)
                        .tags("topic", "directory", "view", VIEW)
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(health.health().getDetails().get(VIEW).toString()).contains("skipped=1", "key=" + UNREADABLE);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deadLetters()).contains(UNREADABLE + " " + VIEW));
    }

    private List<String> deadLetters() {
        List<String> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> letter : TopicBytes.readAll(bootstrap, "directory-dlt")) {
            letters.add(letter.key() + " " + TopicBytes.header(letter, SkippedRecords.VIEW_HEADER));
        }
        return letters;
    }
}
