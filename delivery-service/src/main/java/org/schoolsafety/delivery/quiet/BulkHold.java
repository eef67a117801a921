package org.schoolsafety.delivery.quiet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.schoolsafety.delivery.settings.DeliverySettings;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request waits for its organisation's delivery window, and if so holds it
 * ({@link HeldRequests}) before its record's offset is committed: a bulk request whose {@code window} is closed now
 * waits until it next opens. Urgent requests, and requests without a window, are never held. Redis that does not
 * answer never stops a delivery: the request goes now rather than risk losing it.
 */
@Component
public class BulkHold {

    private static final Logger log = LoggerFactory.getLogger(BulkHold.class);

    private final HeldRequests held;
    private final Clock clock;
    private final boolean enabled;
    private final Counter holds;

    @Autowired
    BulkHold(HeldRequests held, Clock clock, DeliverySettings settings, MeterRegistry meters) {
        this(held, clock, settings.quietHours().enabled(), meters);
    }

    BulkHold(HeldRequests held, Clock clock, boolean enabled, MeterRegistry meters) {
        this.held = held;
        this.clock = clock;
        this.enabled = enabled;
        this.holds = Counter.builder("ssn.delivery.quiet-hours.held")
                .description("bulk requests held for their organisation's delivery window")
                .register(meters);
    }

    /** When the request may be delivered: {@code now} itself unless it is a bulk request outside its window. */
    static Instant dueAt(DeliveryRequested request, Instant now) {
        if (request.lane() != Lane.BULK || request.window() == null) {
            return now;
        }
        return request.window().nextOpening(now);
    }

    /**
     * Holds the record's request if it is this channel's and must wait for its window.
     *
     * @return {@code true} if it is held (the listener leaves it); {@code false} to deliver it now
     */
    public boolean held(Channel channel, ConsumerRecord<String, Object> record) {
        if (!enabled || !(record.value() instanceof DeliveryRequested request) || request.channel() != channel) {
            return false;
        }
        Instant now = clock.instant();
        Instant dueAt = dueAt(request, now);
        if (!dueAt.isAfter(now)) {
            return false;
        }
        try {
            held.hold(request, traceparent(record), dueAt, now);
        } catch (RuntimeException redisDown) {
            log.warn(
                    "delivery {} to {} is outside its delivery window but cannot be held (Redis: {}); delivering now",
                    request.deliveryId(),
                    request.endpointId(),
                    redisDown.getClass().getSimpleName());
            return false;
        }
        holds.increment();
        log.debug("delivery {} to {} held until {}", request.deliveryId(), request.endpointId(), dueAt);
        return true;
    }

    private static String traceparent(ConsumerRecord<String, Object> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
