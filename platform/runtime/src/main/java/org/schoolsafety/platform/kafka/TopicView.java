package org.schoolsafety.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * A view a service keeps of a whole topic with a {@link TopicFollower}: read to the end when the application
 * starts (phase 0, before listeners and the web server), followed until it stops.
 */
public abstract class TopicView implements SmartLifecycle {

    private final ConsumerFactory<?, ?> consumers;
    private final String topic;
    private final String clientId;
    private volatile TopicFollower follower;

    protected TopicView(ConsumerFactory<?, ?> consumers, String topic, String clientId) {
        this.consumers = consumers;
        this.topic = topic;
        this.clientId = clientId;
    }

    /** Applies a batch of records; a batch that throws is retried until it applies. */
    protected abstract void apply(ConsumerRecords<String, Object> batch);

    /** Called once the topic has been read to the end, before following starts to matter. */
    protected void replayed() {}

    @Override
    public void start() {
        follower = TopicFollower.start(consumers, topic, clientId, this::apply);
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
