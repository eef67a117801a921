package org.schoolsafety.platform.backbone.listener;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.events.alert.AlertEvent;
import org.schoolsafety.events.alert.AlertIssued;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Records what it receives, with headers and the trace it ran in; refuses headlines starting "REFUSE". */
@Component
public class AlertsListener {

    /** What the listener saw of one record. */
    public record Received(String key, AlertEvent event, Map<String, String> headers, String traceId) {}

    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private final Tracer tracer;

    AlertsListener(Tracer tracer) {
        this.tracer = tracer;
    }

    @KafkaListener(topics = "alerts")
    void on(ConsumerRecord<String, AlertEvent> record) {
        if (record.value() instanceof AlertIssued issued
                && issued.info().headline().startsWith("REFUSE")) {
            throw new IllegalStateException("listener cannot handle " + issued.alertId());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        Span span = tracer.currentSpan();
        received.add(new Received(
                record.key(),
                record.value(),
                headers,
                span == null ? null : span.context().traceId()));
    }
}
