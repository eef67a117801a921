package org.schoolsafety.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads a whole topic into a view and keeps following it: {@link #start} reads every partition from the
 * beginning to the end it found (so the caller's view is complete before it serves anything), then a thread of its
 * own applies each further batch. No consumer group, no commits: every instance sees every record, which is how a
 * service keeps a view of a compacted topic such as {@code directory}. The caller's {@link Applier} decides what a
 * batch that fails means: retried while the store is down, a poison record skipped (see {@link TopicView}).
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final org.apache.kafka.clients.consumer.Consumer<String, Object> consumer;
    private final Applier apply;
    private final String topic;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    /** Each partition's position once the batches before it have been applied: how far the view has read. */
    private volatile Map<TopicPartition, Long> applied = Map.of();

    private final ReentrantLock progress = new ReentrantLock();
    private final Condition advanced = progress.newCondition();

    private TopicFollower(
            org.apache.kafka.clients.consumer.Consumer<String, Object> consumer, String topic, Applier apply) {
        this.consumer = consumer;
        this.topic = topic;
        this.apply = apply;
    }

    /** Replays {@code topic} into {@code apply} up to its current end, then follows it; returns the record count. */
    @SuppressWarnings("unchecked")
    public static TopicFollower start(ConsumerFactory<?, ?> consumers, String topic, String clientId, Applier apply) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        org.apache.kafka.clients.consumer.Consumer<String, Object> reader =
                ((ConsumerFactory<String, Object>) consumers).createConsumer(null, clientId, null, overrides);
        List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        TopicFollower follower = new TopicFollower(reader, topic, apply);
        long began = System.nanoTime();
        int records = 0;
        while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
            ConsumerRecords<String, Object> batch = reader.poll(Duration.ofMillis(500));
            records += batch.count();
            apply.apply(batch, follower::isRunning);
        }
        follower.recordPositions();
        log.info(
                "{} read from {} records in {} ms; following",
                topic,
                records,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        Thread.ofVirtual().name(topic + "-follow").start(follower::follow);
        return follower;
    }

    private void follow() {
        try {
            while (running) {
                apply.apply(consumer.poll(Duration.ofSeconds(1)), this::isRunning);
                if (running) { // else part of the batch may be unapplied
                    recordPositions();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            log.error("following {} stopped; this instance no longer sees other instances' changes", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void recordPositions() {
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            now.put(partition, consumer.position(partition));
        }
        progress.lock();
        try {
            applied = Map.copyOf(now);
            advanced.signalAll();
        } finally {
            progress.unlock();
        }
    }

    /**
     * Waits until every partition has been applied up to {@code end} (records before those offsets are in the view,
     * or were skipped), or until {@code deadline} ({@link System#nanoTime}) or the follower closes; says whether it
     * got there. Woken after each batch, not by polling.
     */
    public boolean awaitApplied(Map<TopicPartition, Long> end, long deadline) {
        progress.lock();
        try {
            while (!reached(end)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progress.unlock();
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> now = applied;
        return end.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private boolean isRunning() {
        return running;
    }

    /** Applies one batch; returns early, leaving part of it unapplied, only once {@code running} turns false. */
    @FunctionalInterface
    public interface Applier {
        void apply(ConsumerRecords<String, Object> batch, BooleanSupplier running);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        progress.lock();
        try {
            advanced.signalAll(); // a waiter for progress that will not come
        } finally {
            progress.unlock();
        }
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
