package org.schoolsafety.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * A view a service keeps of a whole topic with a {@link TopicFollower}: read to the end when the application
 * starts (phase 0, before listeners and the web server), followed until it stops.
 *
 * <p>One record must not keep a view from starting or from following: a record that cannot be read, or that
 * {@link #apply} refuses for a reason other than an unreachable store, is skipped and handed to
 * {@link SkippedRecords} (dead-letter topic, metric, log, health). While the store is unreachable a batch is
 * retried until it applies, so an outage skips nothing.
 */
public abstract class TopicView implements SmartLifecycle {

    private final ConsumerFactory<?, ?> consumers;
    private final SkippedRecords skipped;
    private final String topic;
    private final String clientId;
    private volatile TopicFollower follower;

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

    /** Called once the topic has been read to the end, before following starts to matter. */
    protected void replayed() {}

    @Override
    public void start() {
        skipped.register(clientId, topic);
        GuardedApply guarded = new GuardedApply(clientId, topic, this::apply, skipped);
        follower = TopicFollower.start(consumers, topic, clientId, guarded::apply);
        replayed();
    }

    @Override
    public void stop() {
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
