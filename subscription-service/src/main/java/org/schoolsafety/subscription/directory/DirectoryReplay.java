package org.schoolsafety.subscription.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the Redis views (organisations and endpoints) from the {@code directory} topic and keeps it current. On start, before the web server
 * takes requests, it reads every partition from the beginning to the end it found, so a service whose Redis
 * was lost answers exactly as before once it is up; then it seeds organisations the topic lacks, and follows
 * the topic on a thread of its own for changes written by other instances. Reading without a consumer group
 * means every instance sees every record; the view ignores records it already holds.
 */
@Component
class DirectoryReplay extends TopicView {

    private static final Logger log = LoggerFactory.getLogger(DirectoryReplay.class);

    private final DirectoryView view;
    private final EndpointView endpoints;
    private final DirectorySeed seed;
    private final AudienceIndex index;

    DirectoryReplay(
            ConsumerFactory<?, ?> consumers,
            SkippedRecords skipped,
            DirectoryView view,
            EndpointView endpoints,
            DirectorySeed seed,
            AudienceIndex index) {
        super(consumers, skipped, Topics.DIRECTORY.name(), "directory-replay");
        this.index = index;
        this.view = view;
        this.endpoints = endpoints;
        this.seed = seed;
    }

    /** Organisations and endpoints live in Redis: a wiped Redis is filled again from the topic. */
    @Override
    protected boolean keptInRedis() {
        return true;
    }

    /** Organisations the topic lacks are seeded once it has been read. */
    @Override
    protected void replayed() {
        seed.addMissing();
    }

    @Override
    protected void apply(ConsumerRecords<String, Object> batch) {
        List<Map.Entry<OrganisationChanged, Long>> changes = new ArrayList<>(batch.count());
        List<Map.Entry<EndpointChanged, Long>> endpointChanges = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : batch) {
            if (record.value() instanceof OrganisationChanged change) {
                changes.add(Map.entry(change, record.offset()));
            } else if (record.value() instanceof EndpointChanged endpoint) {
                endpointChanges.add(Map.entry(endpoint, record.offset()));
            } else {
                // unreadable records never get here (TopicView skips them): a tombstone or a foreign type
                log.warn("skipping a tombstone or foreign record at {}-{}", record.partition(), record.offset());
            }
        }
        List<Organisation> organisations = changes.stream()
                .map(change -> Organisation.of(change.getKey(), change.getValue()))
                .toList();
        // the audience index first, for both kinds: it never waits for Redis (the views feed it again, harmlessly)
        index.applyOrganisations(organisations);
        index.applyEndpoints(endpointChanges);
        view.applyOrganisations(organisations);
        endpoints.applyAll(endpointChanges);
    }
}
