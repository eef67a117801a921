package org.schoolsafety.alert.alert;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes issues that a dying process left between "saved" and "published": every few seconds, any recent
 * alert whose last message is saved but not yet on Kafka, and older than {@link AlertProperties#republishAfter()}
 * (so a publish still under way is left alone), is published again. Publishing twice is harmless (same
 * notification id, same delivery ids), so two instances doing this at once lose nothing.
 */
@Component
class Republisher {

    private static final Logger log = LoggerFactory.getLogger(Republisher.class);
    private static final int RECENT = 500;

    private final AlertLifecycle lifecycle;
    private final AlertProperties properties;
    private final Clock clock;

    Republisher(AlertLifecycle lifecycle, AlertProperties properties, Clock clock) {
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${ssn.alert.republish-every:2s}",
            initialDelayString = "${ssn.alert.republish-every:2s}")
    void republishInterrupted() {
        Instant before = clock.instant().minus(properties.republishAfter());
        try {
            for (Alert alert : lifecycle.newest(RECENT)) {
                if (!alert.published()
                        && alert.current() != null
                        && alert.changedAt().isBefore(before)) {
                    lifecycle.republish(alert);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not look for interrupted issues; trying again shortly: {}", e.toString());
        }
    }
}
