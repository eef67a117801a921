package org.schoolsafety.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.stereotype.Component;

/**
 * Forwards a request whose attempt failed to where the listener's retry topics would have put it: the next retry
 * topic, with the retry headers ({@code retry_topic-attempts}, {@code -backoff-timestamp},
 * {@code -original-timestamp}) that hold it back there until its delay has passed, or, after the last attempt, the
 * lane's dead-letter topic. The destinations are the ones {@link DeliveryListeners} declared for the listener (Spring
 * Kafka's {@link DestinationTopicResolver}); the record is written by Spring Kafka's own dead-letter publisher,
 * exactly as its error handler would write it.
 *
 * <p>Used by listeners that deliver concurrently ({@link Deliveries#deliverConcurrently}): their record is
 * committed only once its forwarding has been confirmed by the broker, so a failed attempt is never acknowledged
 * before it is safely on its next topic.
 *
 * <p>The forwarding is a span in the request's own trace (the alert's), continued from the record's
 * {@code traceparent}: it runs on the delivery's thread, outside the listener's span, where the publisher's send
 * would otherwise start a trace of its own and the retried request would leave the alert's.
 */
@Component
class RetryForwarding {

    private static final Logger log = LoggerFactory.getLogger(RetryForwarding.class);

    private final DeadLetterPublishingRecovererFactory recoverers;
    private final Map<String, DeadLetterPublishingRecoverer> byListener = new ConcurrentHashMap<>();
    private final Tracer tracer;
    private final Propagator propagator;

    RetryForwarding(
            DestinationTopicResolver destinations,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.recoverers = new DeadLetterPublishingRecovererFactory(destinations);
        // Deliveries logs each failed attempt and each delivery given up, naming the endpoint by id
        this.recoverers.neverLogListenerException();
    }

    /**
     * Forwards a failed attempt like {@link #forward}, trying again (backing off from 0.5 s to 10 s) until the
     * broker confirms it.
     *
     * @throws IllegalStateException when the service stops first: the request is left for redelivery
     */
    void forwardUntilConfirmed(
            String mainListenerId,
            ConsumerRecord<String, Object> record,
            RuntimeException failure,
            BooleanSupplier stopping) {
        long backoff = 500;
        while (true) {
            try {
                forward(mainListenerId, record, failure);
                return;
            } catch (RuntimeException notConfirmed) {
                if (stopping.getAsBoolean()) {
                    throw new IllegalStateException("stopping; the request will be redelivered", notConfirmed);
                }
                log.warn(
                        "delivery request at {}-{}@{} not forwarded for a retry ({}); trying again",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        notConfirmed.toString());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping; the request will be redelivered");
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    /**
     * Writes the record to its next topic for the listener {@code mainListenerId} and waits for the broker's
     * confirmation.
     *
     * @throws RuntimeException when the broker did not confirm it
     */
    void forward(String mainListenerId, ConsumerRecord<String, Object> record, RuntimeException failure) {
        DeadLetterPublishingRecoverer recoverer = byListener.computeIfAbsent(mainListenerId, recoverers::create);
        Span span = propagator
                .extract(record.headers(), RetryForwarding::header)
                .name("delivery forward")
                .start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            recoverer.accept(record, null, failure);
        } catch (RuntimeException notConfirmed) {
            span.error(notConfirmed);
            throw notConfirmed;
        } finally {
            span.end();
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
