package org.schoolsafety.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.springframework.stereotype.Component;

/**
 * What delivery does, per channel and lane, for Prometheus: {@code ssn_delivery_attempts_total} by outcome
 * ({@code succeeded}, {@code retrying}, {@code failed}), {@code ssn_delivery_latency_seconds} (a histogram of
 * calls to the receiver), {@code ssn_delivery_in_flight} and {@code ssn_delivery_dead_letters_total}. Tags name
 * channels, lanes and outcomes only: never an address, number or URL.
 */
@Component
class DeliveryMetrics {

    /** How an attempt ended. */
    public enum Outcome {
        SUCCEEDED,
        RETRYING,
        FAILED
    }

    private final Map<Channel, AtomicInteger> inFlight = new EnumMap<>(Channel.class);
    private final Meters<Counter> attempts;
    private final Meters<Timer> latencies;
    private final Meters<Counter> deadLetters;

    DeliveryMetrics(MeterRegistry registry) {
        this.attempts = new Meters<>((channel, lane, outcome) -> Counter.builder("ssn.delivery.attempts")
                .description("delivery attempts by how they ended")
                .tag("channel", tag(channel))
                .tag("lane", tag(lane))
                .tag("outcome", tag(outcome))
                .register(registry));
        this.latencies = new Meters<>((channel, lane, outcome) -> Timer.builder("ssn.delivery.latency")
                .description("time a receiver took to answer")
                .tag("channel", tag(channel))
                .tag("lane", tag(lane))
                .publishPercentileHistogram()
                .register(registry));
        this.deadLetters = new Meters<>((channel, lane, outcome) -> Counter.builder("ssn.delivery.dead.letters")
                .description("deliveries given up after their last attempt")
                .tag("channel", tag(channel))
                .tag("lane", tag(lane))
                .register(registry));
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
        attempts.get(channel, lane, outcome).increment();
        if (latency != null) {
            latencies.get(channel, lane, null).record(latency);
        }
    }

    public void deadLetter(Channel channel, Lane lane) {
        deadLetters.get(channel, lane, null).increment();
    }

    /**
     * One meter per channel, lane and outcome, registered when first used and then found by index: building its
     * tags and looking it up in the registry on every attempt was most of this class's cost per delivery. Registering
     * is idempotent, so two threads
     * that meet an empty slot at once get the same meter.
     */
    private static final class Meters<M> {

        interface Maker<M> {
            M make(Channel channel, Lane lane, Outcome outcome);
        }

        private static final int LANES = Lane.values().length;
        /** Each outcome, and none (the meters of a channel and lane alone). */
        private static final int OUTCOMES = Outcome.values().length + 1;

        private final Maker<M> maker;
        private final AtomicReferenceArray<M> meters;

        Meters(Maker<M> maker) {
            this.maker = maker;
            this.meters = new AtomicReferenceArray<>(Channel.values().length * LANES * OUTCOMES);
        }

        /** The meter of a channel and lane, and of an outcome unless {@code outcome} is null. */
        M get(Channel channel, Lane lane, Outcome outcome) {
            int index = (channel.ordinal() * LANES + lane.ordinal()) * OUTCOMES
                    + (outcome == null ? 0 : outcome.ordinal() + 1);
            M meter = meters.get(index);
            if (meter == null) {
                meter = maker.make(channel, lane, outcome);
                meters.set(index, meter);
            }
            return meter;
        }
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
