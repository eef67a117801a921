package org.schoolsafety.delivery.quiet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.schoolsafety.delivery.settings.DeliverySettings;
import org.schoolsafety.delivery.settings.QuietHours;
import org.schoolsafety.events.CloudEventHeaders;
import org.schoolsafety.events.Topics;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code ssn.delivery.quiet-hours.release-every}, puts the held requests that are due back on
 * {@code delivery-requests-bulk}, with their delivery id and trace context, and removes them once the broker has
 * confirmed them. A request released twice (an instance died between the two) is sent once: its delivery id is
 * recorded as concluded after its first delivery. Its attempts are counted afresh.
 */
@Component
class HeldRequestReleaser implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeldRequestReleaser.class);

    /** How long a batch waits for the broker's confirmation before the next look tries again. */
    private static final long CONFIRM_SECONDS = 30;

    private final HeldRequests held;
    private final EventPublisher publisher;
    private final Clock clock;
    private final QuietHours settings;
    private ScheduledExecutorService looks;

    HeldRequestReleaser(
            HeldRequests held, EventPublisher publisher, Clock clock, DeliverySettings settings, MeterRegistry meters) {
        this.held = held;
        this.publisher = publisher;
        this.clock = clock;
        this.settings = settings.quietHours();
        Gauge.builder("ssn.delivery.quiet-hours.waiting", held, HeldRequests::countQuietly)
                .description("bulk requests waiting for their organisation's delivery window")
                .register(meters);
    }

    /** Releases every held request due now, batch after batch; returns how many went back on the lane. */
    int releaseDue() {
        int released = 0;
        while (true) {
            HeldRequests.Claim claim = held.claimDue(clock.instant(), settings.releaseBatch(), settings.claimFor());
            List<String> back = publish(claim);
            held.remove(claim, back);
            released += back.size();
            if (claim.requests().size() < settings.releaseBatch()
                    || back.size() < claim.requests().size()) {
                return released;
            }
        }
    }

    private List<String> publish(HeldRequests.Claim claim) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (HeldRequests.Held each : claim.requests()) {
            RecordHeader trace = each.traceparent() == null
                    ? null
                    : new RecordHeader(
                            CloudEventHeaders.TRACEPARENT, each.traceparent().getBytes(StandardCharsets.UTF_8));
            sent.add(publisher.publish(
                    Topics.DELIVERY_REQUESTS_BULK, each.request().endpointId(), each.request(), trace));
        }
        List<String> confirmed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            String deliveryId = claim.requests().get(i).request().deliveryId();
            try {
                sent.get(i).get(CONFIRM_SECONDS, TimeUnit.SECONDS);
                confirmed.add(deliveryId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return confirmed;
            } catch (ExecutionException | TimeoutException e) {
                // stays claimed, and is claimed again once the claim runs out
                log.warn("held delivery {} not confirmed back on its lane ({}); later", deliveryId, e.toString());
            }
        }
        return confirmed;
    }

    private void look() {
        try {
            int released = releaseDue();
            if (released > 0) {
                log.info("{} held bulk deliveries released: their delivery window is open", released);
            }
        } catch (RuntimeException e) {
            log.warn("held bulk deliveries not released this time: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (looks == null) {
            looks = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("quiet-hours-release").daemon().factory());
            long every = settings.releaseEvery().toMillis();
            looks.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (looks != null) {
            looks.shutdownNow();
            looks = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return looks != null;
    }
}
