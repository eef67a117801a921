package org.schoolsafety.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryOutcome;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;

/**
 * Every outcome and disabled endpoint on {@code delivery-outcomes}, read by a consumer of its own in the
 * background: one delivery's outcomes in the order published (an endpoint's outcomes share a partition).
 */
public final class OutcomeLog implements AutoCloseable {

    private final Map<String, List<DeliveryOutcome>> byDelivery = new ConcurrentHashMap<>();
    private final List<EndpointDisabled> disabled = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> traceparents = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, Object> consumer;
    private final Thread reader;
    private volatile boolean open = true;

    public OutcomeLog(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_OUTCOMES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = Thread.ofPlatform().name("outcome-log").daemon().start(this::read);
    }

    private void read() {
        try {
            while (open) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() instanceof EndpointDisabled endpoint) {
                        disabled.add(endpoint);
                    }
                    if (record.value() instanceof DeliveryOutcome outcome) {
                        org.apache.kafka.common.header.Header traceparent =
                                record.headers().lastHeader(org.schoolsafety.events.CloudEventHeaders.TRACEPARENT);
                        traceparents
                                .computeIfAbsent(outcome.deliveryId(), id -> new CopyOnWriteArrayList<>())
                                .add(
                                        traceparent == null
                                                ? "none"
                                                : new String(
                                                        traceparent.value(), java.nio.charset.StandardCharsets.UTF_8));
                        byDelivery
                                .computeIfAbsent(
                                        outcome.deliveryId(),
                                        id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(outcome);
                    }
                }
            }
        } catch (WakeupException closing) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** The outcomes of one delivery so far. */
    public List<DeliveryOutcome> of(String deliveryId) {
        List<DeliveryOutcome> outcomes = byDelivery.get(deliveryId);
        if (outcomes == null) {
            return List.of();
        }
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** The {@code traceparent} of each outcome of one delivery so far, in order ({@code none} if it had none). */
    public List<String> traceparents(String deliveryId) {
        return List.copyOf(traceparents.getOrDefault(deliveryId, List.of()));
    }

    /** The endpoints found unusable so far with this id. */
    public List<EndpointDisabled> disabled(String endpointId) {
        return disabled.stream().filter(d -> d.endpointId().equals(endpointId)).toList();
    }

    /** The first outcome of that type for the delivery, waiting up to {@code atMost} for it. */
    public <T extends DeliveryOutcome> T await(String deliveryId, Class<T> type, Duration atMost) {
        return org.awaitility.Awaitility.await(type.getSimpleName() + " of " + deliveryId)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> of(deliveryId).stream()
                                .filter(type::isInstance)
                                .map(type::cast)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        consumer.wakeup();
        reader.join(5_000);
    }
}
