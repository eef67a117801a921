package org.schoolsafety.subscription.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.subscription.audience.AudienceIndex;
import org.schoolsafety.subscription.endpoint.EndpointView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
class DirectoryReplay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryReplay.class);

    private final ConsumerFactory<String, Object> consumers;
    private final DirectoryView view;
    private final EndpointView endpoints;
    private final DirectorySeed seed;
    private final AudienceIndex index;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Consumer<String, Object> consumer;
    private volatile boolean running;

    @SuppressWarnings("unchecked")
    DirectoryReplay(
            ConsumerFactory<?, ?> consumers,
            DirectoryView view,
            EndpointView endpoints,
            DirectorySeed seed,
            AudienceIndex index) {
        this.index = index;
        this.consumers = (ConsumerFactory<String, Object>) consumers;
        this.view = view;
        this.endpoints = endpoints;
        this.seed = seed;
    }

    @Override
    public void start() {
        // assigned partitions, no commits: the group id the platform sets is never used to store a position
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Consumer<String, Object> reader = consumers.createConsumer(null, "directory-replay", null, overrides);
        List<TopicPartition> partitions = reader.partitionsFor(Topics.DIRECTORY.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        long began = System.nanoTime();
        int records = 0;
        while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
            ConsumerRecords<String, Object> batch = reader.poll(Duration.ofMillis(500));
            records += batch.count();
            applyAll(batch);
        }
        log.info(
                "directory view rebuilt from {} records in {} ms",
                records,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        seed.addMissing();
        consumer = reader;
        running = true;
        Thread.ofVirtual().name("directory-follow").start(this::follow);
    }

    private void follow() {
        try {
            while (running) {
                applyUntilDone(consumer.poll(Duration.ofSeconds(1)));
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            log.error("following the directory topic stopped; the view no longer sees other instances' changes", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /**
     * Applies a batch, retrying while Redis does not answer: the audience index in memory has the records at once,
     * so alerts keep reaching the right endpoints, and the Redis view catches up when Redis is back.
     */
    private void applyUntilDone(ConsumerRecords<String, Object> batch) {
        for (int attempt = 1; running; attempt++) {
            try {
                applyAll(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    log.warn("the Redis view is behind the directory topic; retrying every second", e);
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    private void applyAll(ConsumerRecords<String, Object> batch) {
        List<Map.Entry<OrganisationChanged, Long>> changes = new ArrayList<>(batch.count());
        List<Map.Entry<EndpointChanged, Long>> endpointChanges = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : batch) {
            if (record.value() instanceof OrganisationChanged change) {
                changes.add(Map.entry(change, record.offset()));
            } else if (record.value() instanceof EndpointChanged endpoint) {
                endpointChanges.add(Map.entry(endpoint, record.offset()));
            } else {
                log.warn("skipping an unreadable or foreign record at {}-{}", record.partition(), record.offset());
            }
        }
        // the audience index first, for both kinds: it never waits for Redis
        index.applyOrganisations(changes.stream()
                .map(change -> Organisation.of(change.getKey(), change.getValue()))
                .toList());
        index.applyEndpoints(endpointChanges);
        view.applyAll(changes);
        endpoints.applyAll(endpointChanges);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts: no request is answered from a half-built view. */
    @Override
    public int getPhase() {
        return 0;
    }
}
