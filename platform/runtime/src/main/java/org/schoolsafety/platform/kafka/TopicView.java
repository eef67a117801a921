package org.schoolsafety.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.schoolsafety.platform.redis.RedisWiped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * A view a service keeps of a whole topic with a {@link TopicFollower}: read to the end when the application
 * starts (phase 0, before listeners and the web server), followed until it stops.
 *
 * <p>One record must not keep a view from starting or from following: a record that cannot be read, or that
 * {@link #apply} refuses for a reason other than an unreachable store, is skipped and handed to
 * {@link SkippedRecords} (dead-letter topic, metric, log, health). While the store is unreachable a batch is
 * retried until it applies, so an outage skips nothing.
 *
 * <p>A view {@link #keptInRedis kept in Redis} reads its topic again from the beginning when Redis loses its data
 * ({@link RedisWiped}), without a restart: it serves what it has meanwhile, and its old reader follows until the
 * new one has caught up, so no change is missed.
 */
public abstract class TopicView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicView.class);

    private final ConsumerFactory<?, ?> consumers;
    private final SkippedRecords skipped;
    private final String topic;
    private final String clientId;
    private volatile TopicFollower follower;
    private int reads;
    /**
     * For {@link #awaitCaughtUp}: a consumer (made when first needed) that asks the broker where the topic ends,
     * its last answer, and when it was asked ({@link System#nanoTime}); all under the lock.
     */
    private final ReentrantLock endsLock = new ReentrantLock();

    private Consumer<String, Object> ends;
    private Map<TopicPartition, Long> lastEnds;
    private long lastEndsAsked;

    /**
     * @param clientId the Kafka client id of the view's consumer, also its name in metrics, logs and health
     */
    protected TopicView(ConsumerFactory<?, ?> consumers, SkippedRecords skipped, String topic, String clientId) {
        this.consumers = consumers;
        this.skipped = skipped;
        this.topic = topic;
        this.clientId = clientId;
    }

    /**
     * Applies a batch of readable records (tombstones included). A batch that throws is retried while the failure
     * is transient (see {@code ViewFailures}); otherwise its records are applied again one at a time and those
     * that still throw are skipped, so applying a record twice must be harmless.
     */
    protected abstract void apply(ConsumerRecords<String, Object> batch);

    /** Called once the topic has been read to the end, before following starts to matter; again after a rebuild. */
    protected void replayed() {}

    /** Whether the view lives in Redis, so that a wiped Redis must be filled again from the topic. */
    protected boolean keptInRedis() {
        return false;
    }

    /**
     * Waits until the view has applied every record the topic held when this was called (the follower has read
     * past each partition's end offset of that moment), at most {@code max}; says whether it has. For a caller that
     * finds nothing under a key another service may have written a moment ago: after this, nothing means the topic
     * had nothing then. False if the view is not following or the broker does not answer in time.
     */
    public boolean awaitCaughtUp(Duration max) {
        long asked = System.nanoTime();
        long deadline = asked + max.toNanos();
        Map<TopicPartition, Long> end = endOffsetsSince(asked, deadline);
        if (end == null) {
            return false;
        }
        TopicFollower current = follower;
        return current != null && current.awaitApplied(end, deadline);
    }

    /**
     * The topic's end offsets as the broker gave them in an answer asked for at or after {@code asked}: callers that
     * come together share one answer. {@code null} if none comes before {@code deadline}.
     */
    @SuppressWarnings("unchecked")
    private Map<TopicPartition, Long> endOffsetsSince(long asked, long deadline) {
        try {
            if (!endsLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            if (lastEnds != null && lastEndsAsked - asked >= 0) {
                return lastEnds;
            }
            if (ends == null) {
                Properties overrides = new Properties();
                overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                ends = ((ConsumerFactory<String, Object>) consumers)
                        .createConsumer(null, clientId + "-ends", null, overrides);
            }
            long asking = System.nanoTime();
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - asking));
            List<TopicPartition> partitions = ends.partitionsFor(topic, left).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            lastEnds = Map.copyOf(ends.endOffsets(partitions, left));
            lastEndsAsked = asking;
            return lastEnds;
        } catch (RuntimeException brokerSilent) {
            return null;
        } finally {
            endsLock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        skipped.register(clientId, topic);
        follower = read();
        replayed();
    }

    /** Redis lost its data: read the topic again into it, then let the new reader follow in the old one's place. */
    @EventListener
    public void onRedisWiped(RedisWiped wiped) {
        if (keptInRedis()) {
            rebuild();
        }
    }

    private synchronized void rebuild() {
        TopicFollower old = follower;
        if (old == null) {
            return;
        }
        long began = System.nanoTime();
        follower = read();
        old.close();
        replayed();
        log.warn(
                "view {} rebuilt from {} after Redis lost its data, in {} ms",
                clientId,
                topic,
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private TopicFollower read() {
        GuardedApply guarded = new GuardedApply(clientId, topic, this::apply, skipped);
        // a rebuild's reader overlaps the old one for a moment: Kafka client ids must differ
        String client = reads++ == 0 ? clientId : clientId + "-" + reads;
        return TopicFollower.start(consumers, topic, client, guarded::apply);
    }

    @Override
    public synchronized void stop() {
        TopicFollower current = follower;
        follower = null;
        if (current != null) {
            current.close();
        }
        endsLock.lock();
        try {
            if (ends != null) {
                ends.close(Duration.ofSeconds(5));
                ends = null;
                lastEnds = null;
            }
        } finally {
            endsLock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null;
    }

    /** Before the web server and the listeners: nothing is served from a half-read view. */
    @Override
    public int getPhase() {
        return 0;
    }
}
