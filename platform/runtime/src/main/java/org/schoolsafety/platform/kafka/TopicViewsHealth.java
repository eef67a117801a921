package org.schoolsafety.platform.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code topicViews} health component: always up, since a view that skipped a record serves every other one,
 * but it shows per view how many records were skipped and the last one (key, position, reason), so that an
 * operator looks at {@code <topic>-dlt}.
 */
public class TopicViewsHealth implements HealthIndicator {

    private final SkippedRecords skipped;

    public TopicViewsHealth(SkippedRecords skipped) {
        this.skipped = skipped;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(skipped.details()).build();
    }
}
