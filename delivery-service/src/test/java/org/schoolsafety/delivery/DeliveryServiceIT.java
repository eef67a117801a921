package org.schoolsafety.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schoolsafety.testing.ServiceSmokeContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/** delivery-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class DeliveryServiceIT extends ServiceSmokeContract {

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    DeliveryServiceIT() {
        super("delivery-service");
    }

    /**
     * With the default settings, each channel's lane listener has the id, group and consumers it always had, five
     * numbered retry topics (six attempts) and the lane's dead-letter topic: the names existing brokers hold.
     */
    @Test
    void everyChannelReadsBothLanesWithNumberedRetryTopicsAndADeadLetterTopic() {
        record Expected(String name, String word, int urgent, int bulk, boolean oneRetryConsumer) {}
        for (Expected channel : List.of(
                new Expected("webhooks", "webhook", 4, 2, true),
                new Expected("email", "email", 2, 2, true),
                new Expected("sms", "sms", 2, 2, false))) {
            for (String lane : List.of("urgent", "bulk")) {
                String id = channel.name() + "-" + lane;
                int consumers = lane.equals("urgent") ? channel.urgent() : channel.bulk();
                MessageListenerContainer main = listeners.getListenerContainer(id);
                assertThat(main).as(id).isNotNull();
                assertThat(main.getGroupId()).as(id).isEqualTo("delivery-" + id);
                assertThat(main.getContainerProperties().getTopics())
                        .as(id)
                        .containsExactly("delivery-requests-" + lane);
                assertThat(concurrency(main)).as(id).isEqualTo(consumers);
                int retryConsumers = channel.oneRetryConsumer() ? 1 : consumers;
                for (int retry = 0; retry < 5; retry++) {
                    String topic = "delivery-requests-" + lane + "-" + channel.word() + "-retry-" + retry;
                    assertThat(concurrency(of(id, topic))).as(topic).isEqualTo(retryConsumers);
                }
                assertThat(concurrency(of(id, "delivery-requests-" + lane + "-dlt")))
                        .as(id + " dead letters")
                        .isEqualTo(retryConsumers);
                assertThat(listeners.getListenerContainers().stream()
                                .filter(c -> id.equals(c.getMainListenerId()) || id.equals(c.getListenerId()))
                                .count())
                        .as(id + ": the lane, five retry topics, the dead letters")
                        .isEqualTo(7);
            }
        }
    }

    /** The container of the listener {@code mainListenerId} that reads {@code topic}. */
    private MessageListenerContainer of(String mainListenerId, String topic) {
        return listeners.getListenerContainers().stream()
                .filter(c -> mainListenerId.equals(c.getMainListenerId()))
                .filter(c -> List.of(c.getContainerProperties().getTopics()).equals(List.of(topic)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container of " + mainListenerId + " reads " + topic));
    }

    private static int concurrency(MessageListenerContainer container) {
        return ((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency();
    }
}
