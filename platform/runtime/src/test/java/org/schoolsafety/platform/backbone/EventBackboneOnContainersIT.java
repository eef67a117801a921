package org.schoolsafety.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertInfo;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertStatus;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.platform.backbone.listener.AlertsListener;
import org.schoolsafety.platform.backbone.listener.ListeningService;
import org.schoolsafety.platform.backbone.publisher.PublishingService;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.ContainerInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The backbone on the production broker image, where Docker runs; skipped cleanly where it does not. */
@Testcontainers(disabledWithoutDocker = true)
class EventBackboneOnContainersIT {

    @Container
    static final KafkaContainer KAFKA = ContainerInfrastructure.kafka();

    @Test
    void eventCrossesFromOneServiceToAnotherOnTheContainerBroker() throws Exception {
        try (ConfigurableApplicationContext publishing = service(PublishingService.class, "alert-service");
                ConfigurableApplicationContext listening = service(ListeningService.class, "subscription-service")) {
            AlertIssued issued = new AlertIssued(
                    "alert-container",
                    "urn:ssn:alert:alert-container",
                    "cesa@schoolsafety.example",
                    Instant.parse("2026-11-28T14:05:00Z"),
                    AlertStatus.TEST,
                    new AlertInfo("Safety", "Test", "Past", "Minor", "Observed", "Test", "Test", "None", null),
                    Audience.everyone());
            publishing
                    .getBean(EventPublisher.class)
                    .publish(Topics.ALERTS, issued.alertId(), issued)
                    .get(30, TimeUnit.SECONDS);

            AlertsListener.Received received =
                    listening.getBean(AlertsListener.class).received.poll(60, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.event()).isEqualTo(issued);
        }
    }

    private static ConfigurableApplicationContext service(Class<?> application, String name) {
        return BackboneServices.start(application, name, KAFKA.getBootstrapServers());
    }
}
