package org.schoolsafety.platform.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Applies batches to a view so that no single record stops it. Records that could not be read are skipped before
 * the view sees them. A batch that fails because the store is unreachable is retried every second until it
 * applies, so nothing is skipped for an outage; a batch that fails otherwise is applied again one record at a
 * time, each still retried through outages, and the records that fail for good are skipped. The view must
 * therefore tolerate records it already applied, as it does when it replays the topic.
 */
final class GuardedApply {

    private static final Logger log = LoggerFactory.getLogger(GuardedApply.class);
    private static final LogAccessor HEADER_LOG = new LogAccessor(GuardedApply.class);

    private final String view;
    private final String topic;
    private final Consumer<ConsumerRecords<String, Object>> apply;
    private final SkippedRecords skipped;

    GuardedApply(String view, String topic, Consumer<ConsumerRecords<String, Object>> apply, SkippedRecords skipped) {
        this.view = view;
        this.topic = topic;
        this.apply = apply;
        this.skipped = skipped;
    }

    /** Applies {@code batch}; returns early, with part of it unapplied, only once {@code running} turns false. */
    void apply(ConsumerRecords<String, Object> batch, BooleanSupplier running) {
        ConsumerRecords<String, Object> readable = readable(batch);
        if (readable.count() == 0) {
            return;
        }
        for (int attempt = 1; running.getAsBoolean(); attempt++) {
            try {
                apply.accept(readable);
                return;
            } catch (RuntimeException e) {
                if (!ViewFailures.isTransient(e)) {
                    oneByOne(readable, running);
                    return;
                }
                behind(attempt, e);
            }
        }
    }

    private void oneByOne(ConsumerRecords<String, Object> batch, BooleanSupplier running) {
        for (TopicPartition partition : batch.partitions()) {
            for (ConsumerRecord<String, Object> record : batch.records(partition)) {
                applyOne(record, running);
            }
        }
    }

    private void applyOne(ConsumerRecord<String, Object> record, BooleanSupplier running) {
        ConsumerRecords<String, Object> single =
                of(Map.of(new TopicPartition(record.topic(), record.partition()), List.of(record)));
        for (int attempt = 1; running.getAsBoolean(); attempt++) {
            try {
                apply.accept(single);
                return;
            } catch (RuntimeException e) {
                if (!ViewFailures.isTransient(e)) {
                    skipped.skipped(view, record, e);
                    return;
                }
                behind(attempt, e);
            }
        }
    }

    private void behind(int attempt, RuntimeException e) {
        if (attempt == 1) {
            log.warn("view {} of {} is behind the topic; retrying every second", view, topic, e);
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }

    /** The batch without the records that could not be read, which are skipped; a tombstone stays. */
    private ConsumerRecords<String, Object> readable(ConsumerRecords<String, Object> batch) {
        Map<TopicPartition, List<ConsumerRecord<String, Object>>> kept = new HashMap<>();
        boolean dropped = false;
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, Object>> records = new ArrayList<>();
            for (ConsumerRecord<String, Object> record : batch.records(partition)) {
                DeserializationException failure = unreadable(record);
                if (failure == null) {
                    records.add(record);
                } else {
                    dropped = true;
                    skipped.skipped(view, record, failure);
                }
            }
            if (!records.isEmpty()) {
                kept.put(partition, records);
            }
        }
        return dropped ? of(kept) : batch;
    }

    /** Why the record could not be read, or {@code null}: ErrorHandlingDeserializer left a null value and a header. */
    private static DeserializationException unreadable(ConsumerRecord<String, Object> record) {
        if (record.value() != null
                || record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) == null) {
            return null;
        }
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, HEADER_LOG);
        return failure != null ? failure : new DeserializationException("unreadable value", null, false, null);
    }

    private static ConsumerRecords<String, Object> of(
            Map<TopicPartition, List<ConsumerRecord<String, Object>>> records) {
        return new ConsumerRecords<>(records, Map.of());
    }
}
