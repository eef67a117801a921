package org.schoolsafety.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.schoolsafety.alert.area.OrganisationDirectory;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What the service's integration tests share, for one running service: tokens, the directory published and
 * seen, calls to the API, alerts drafted and issued, delivery-service and subscription-service played by their
 * records, and what the service put on its topics. A test makes one in its {@code @BeforeAll}.
 */
public final class AlertServiceFixture {

    private static final TestIssuer ISSUER = TestIssuer.shared();

    private final int port;
    private final String bootstrap;
    private final KafkaTemplate<String, Object> template;
    private final EventPublisher events;

    public AlertServiceFixture(int port, String bootstrap, KafkaTemplate<String, Object> template) {
        this.port = port;
        this.bootstrap = bootstrap;
        this.template = template;
        this.events = new EventPublisher(template);
    }

    /** A platform token of {@code organisationId} with these roles. */
    public static String token(String organisationId, String... roles) {
        return ISSUER.token(organisationId, roles);
    }

    /** The state's broadcaster: drafts and issues alerts. */
    public static String broadcaster() {
        return token(AlertTestSupport.STATE, "STATE_BROADCASTER");
    }

    /** Publishes the test directory and waits until the service's view has all of it. */
    public void publishDirectory(OrganisationDirectory view) {
        AlertTestSupport.publishDirectory(template, view);
    }

    /** Calls the API; a body is sent as JSON unless {@code headers} name another Content-Type. */
    public HttpResponse<String> call(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        String type = headers.containsKey("Content-Type") || body == null ? null : "application/json";
        return AlertTestSupport.call(port, method, path, token, type, body, headers);
    }

    public HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, body, Map.of());
    }

    /** Drafts the alert of this JSON body and issues it at once (it must need no approval); its id. */
    public String issue(String token, String body) throws Exception {
        HttpResponse<String> created = call("POST", "/api/alerts", token, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        HttpResponse<String> issued = call("POST", "/api/alerts/" + id + "/issue", token, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return id;
    }

    /**
     * Puts records on the topics as the other services would, in one transaction: an expansion on
     * {@code notifications} (subscription-service), delivery outcomes on {@code delivery-outcomes} keyed by
     * endpoint (delivery-service).
     */
    public void publish(Object... records) {
        template.executeInTransaction(operations -> {
            for (Object record : records) {
                if (record instanceof NotificationExpanded expanded) {
                    events.publish(Topics.NOTIFICATIONS, expanded.notificationId(), record);
                } else {
                    String key = switch (record) {
                        case DeliverySucceeded s -> s.endpointId();
                        case DeliveryReceipt r -> r.endpointId();
                        case DeliveryFailed f -> f.endpointId();
                        case DeliveryAcknowledged a -> a.endpointId();
                        default -> throw new IllegalArgumentException(record.toString());
                    };
                    events.publish(Topics.DELIVERY_OUTCOMES, key, record);
                }
            }
            return null;
        });
    }

    /** The notification with this id, once the service has put it on {@code notifications}. */
    public NotificationRequested notification(String notificationId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> records(Topics.NOTIFICATIONS).stream()
                                .filter(r -> r.getKey().equals(notificationId))
                                .map(r -> (NotificationRequested) r.getValue())
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
    }

    /** Every record on the topic so far, as key and value, read committed. */
    public List<Map.Entry<String, Object>> records(Topic topic) {
        return AlertTestSupport.records(bootstrap, topic.name());
    }
}
