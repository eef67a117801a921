package org.schoolsafety.platform.kafka;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.schoolsafety.events.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Writes a record a view skipped to {@code <topic>-dlt}, same key and partition, with the original headers and the
 * view and the failure added; the value is the original bytes when the record could not be read. A write that
 * fails is logged and dropped: the view must never wait on its dead letters.
 */
final class ViewDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(ViewDeadLetters.class);

    private final KafkaTemplate<String, Object> template;

    ViewDeadLetters(KafkaTemplate<String, Object> template) {
        this.template = template;
    }

    void write(String view, ConsumerRecord<String, Object> record, Throwable failure) {
        try {
            ProducerRecord<String, Object> letter = new ProducerRecord<>(
                    record.topic() + Topic.DEAD_LETTER_SUFFIX,
                    record.partition(),
                    record.key(),
                    value(record, failure),
                    headers(view, record, failure));
            // a transactional template (alert-service, subscription-service) refuses a send outside a transaction
            CompletableFuture<?> sent = template.isTransactional()
                    ? template.executeInTransaction(t -> t.send(letter))
                    : template.send(letter);
            sent.whenComplete((result, error) -> {
                if (error != null) {
                    failed(view, record, error);
                }
            });
        } catch (RuntimeException e) {
            failed(view, record, e);
        }
    }

    private static void failed(String view, ConsumerRecord<String, Object> record, Throwable error) {
        log.error(
                "view {} could not write the record it skipped (key {} at {}-{}@{}) to the dead-letter topic: {}",
                view,
                record.key(),
                record.topic(),
                record.partition(),
                record.offset(),
                ViewFailures.describe(error));
    }

    /** The original bytes of a record that could not be read; otherwise the value as read, written again. */
    private static Object value(ConsumerRecord<String, Object> record, Throwable failure) {
        if (failure instanceof DeserializationException unreadable) {
            return unreadable.getData();
        }
        return record.value();
    }

    private static Headers headers(String view, ConsumerRecord<String, Object> record, Throwable failure) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            // the serialized exception is replaced by the headers below, as Spring Kafka's dead letters do
            if (!header.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(SkippedRecords.VIEW_HEADER, utf8(view));
        headers.add(SkippedRecords.REASON_HEADER, utf8(ViewFailures.describe(failure)));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(failure.getClass().getName()));
        if (failure.getMessage() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(failure.getMessage()));
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(trace.toString()));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
