package org.schoolsafety.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;
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
