package org.schoolsafety.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.schoolsafety.events.delivery.Channel;
import org.schoolsafety.events.notification.Lane;
import org.springframework.stereotype.Component;

/**
 * What delivery does, per channel and lane, for Prometheus: {@code ssn_delivery_attempts_total} by outcome
 * ({@code succeeded}, {@code retrying}, {@code failed}), {@code ssn_delivery_latency_seconds} (a histogram of
 * calls to the receiver), {@code ssn_delivery_in_flight} and {@code ssn_delivery_dead_letters_total}. Tags name
 * channels, lanes and outcomes only: never an address, number or URL.
 */
@Component
public class DeliveryMetrics {

    /** How an attempt ended. */
    public enum Outcome {
        SUCCEEDED,
        RETRYING,
        FAILED
    }

    private final MeterRegistry registry;
    private final Map<Channel, AtomicInteger> inFlight = new EnumMap<>(Channel.class);

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            AtomicInteger calls = new AtomicInteger();
            inFlight.put(channel, calls);
            Gauge.builder("ssn.delivery.in.flight", calls, AtomicInteger::get)
                    .description("calls to receivers under way")
                    .tag("channel", tag(channel))
                    .register(registry);
        }
    }

    /** A call under way; closing it ends it. */
    public interface Call extends AutoCloseable {
        @Override
        void close();
    }

    /** Counts a call to a receiver as under way until the returned handle is closed. */
    public Call call(Channel channel) {
        AtomicInteger calls = inFlight.get(channel);
        calls.incrementAndGet();
        return calls::decrementAndGet;
    }

    public void attempt(Channel channel, Lane lane, Outcome outcome, Duration latency) {
        Counter.builder("ssn.delivery.attempts")
                .description("delivery attempts by how they ended")
                .tag("channel", tag(channel))
                .tag("lane", tag(lane))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        if (latency != null) {
            Timer.builder("ssn.delivery.latency")
                    .description("time a receiver took to answer")
                    .tag("channel", tag(channel))
                    .tag("lane", tag(lane))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(latency);
        }
    }

    public void deadLetter(Channel channel, Lane lane) {
        Counter.builder("ssn.delivery.dead.letters")
                .description("deliveries given up after their last attempt")
                .tag("channel", tag(channel))
                .tag("lane", tag(lane))
                .register(registry)
                .increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
