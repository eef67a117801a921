package org.schoolsafety.alert.alert;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Finishes issues that a dying process left between "saved" and "published": every few seconds, any recent
 * alert whose last message is saved but not yet on Kafka, and older than {@link AlertSettings#republishAfter()}
 * (so a publish still under way is left alone), is published again. Publishing twice is harmless (same
 * notification id, same delivery ids), so two instances doing this at once lose nothing.
 */
@Component
class Republisher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Republisher.class);
    private static final int RECENT = 500;

    private final AlertQueries queries;
    private final AlertStore store;
    private final AlertPublisher publisher;
    private final AlertSettings properties;
    private final Clock clock;
    private final ObjectProvider<ObservationRegistry> observations;

    Republisher(
            AlertQueries queries,
            AlertStore store,
            AlertPublisher publisher,
            AlertSettings properties,
            Clock clock,
            ObjectProvider<ObservationRegistry> observations) {
        this.queries = queries;
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.observations = observations;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration every = properties.republishEvery();
        // observed as @Scheduled methods are, so that each run has a trace id in its log lines
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        Runnable run =
                () -> Observation.createNotStarted("alert.republish", registry).observe(this::republishInterrupted);
        tasks.addFixedDelayTask(new FixedDelayTask(run, every, every));
    }

    void republishInterrupted() {
        Instant before = clock.instant().minus(properties.republishAfter());
        try {
            for (Alert alert : queries.newest(RECENT)) {
                if (!alert.published()
                        && alert.current() != null
                        && alert.changedAt().isBefore(before)) {
                    republish(alert);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not look for interrupted issues; trying again shortly: {}", e.toString());
        }
    }

    /** Publishes again the message whose issue stopped between saving and publishing (the process died). */
    private void republish(Alert alert) {
        AlertMessage message = alert.current();
        if (alert.published() || message == null) {
            return;
        }
        publisher.publish(alert, message, List.of());
        store.replacePublished(alert, alert.markPublished(), message.identifier());
        log.warn("alert {} message {} was saved but not published; published it now", alert.id(), message.number());
    }
}
