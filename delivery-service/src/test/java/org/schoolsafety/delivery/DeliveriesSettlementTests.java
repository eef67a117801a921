package org.schoolsafety.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schoolsafety.delivery.endpoints.EndpointDirectory;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * {@link Deliveries#deliverConcurrently} with a broker that confirms outcomes only when told to
 * ({@link MockProducer} without auto-completion): a call gives its place up once it has its answer, the delivery is
 * recorded as concluded and its offset released only after the broker confirmed the outcome, and no more than
 * {@value Deliveries#SETTLING_PER_PLACE} times the places wait for confirmations.
 */
@Timeout(60) // a place held until the confirmation blocks the calling thread: fail, do not hang
class DeliveriesSettlementTests {

    /** One producer for every send: KafkaTemplate closes a factory's producer once a send completes. */
    private final MockProducer<String, Object> broker =
            new MockProducer<>(false, null, new StringSerializer(), (topic, event) -> new byte[0]) {
                @Override
                public void close() {}

                @Override
                public void close(Duration timeout) {}
            };

    private final Concluded concluded = mock(Concluded.class);
    private final AtomicInteger sent = new AtomicInteger();

    /** One place per lane: a second request goes only once the first has given its place up. */
    private final Sender sender = new Sender() {
        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public int concurrentAttempts() {
            return 1;
        }

        @Override
        public Attempt send(DeliveryRequested request, EndpointChanged endpoint) {
            sent.incrementAndGet();
            return Attempt.succeeded("250 accepted");
        }
    };

    @Test
    void aCallGivesItsPlaceUpBeforeItsOutcomeIsConfirmedAndIsRecordedOnlyAfter() throws Exception {
        try (Deliveries deliveries = deliveries()) {
            CompletableFuture<Void> first = deliveries.deliverConcurrently(sender, "main", record(1));
            // with the place held until the confirmation, this would wait for ever: nothing confirms yet
            CompletableFuture<Void> second = CompletableFuture.supplyAsync(
                            () -> deliveries.deliverConcurrently(sender, "main", record(2)))
                    .get(10, TimeUnit.SECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> sent.get() == 2 && broker.history().size() == 2);

            assertThat(broker.history()).allSatisfy(r -> assertThat(r.value()).isInstanceOf(DeliverySucceeded.class));
            assertThat(first)
                    .as("not committable before the broker has the outcome")
                    .isNotDone();
            assertThat(second).isNotDone();
            verify(concluded, never()).remember(any(), eq(false), any());

            broker.completeNext();
            broker.completeNext();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            verify(concluded, times(2)).remember(any(), eq(false), any());
        }
    }

    @Test
    void noMoreThanFourTimesThePlacesWaitForTheBroker() throws Exception {
        try (Deliveries deliveries = deliveries()) {
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = 1; i <= Deliveries.SETTLING_PER_PLACE; i++) {
                waiting.add(deliveries.deliverConcurrently(sender, "main", record(i)));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> broker.history().size() == Deliveries.SETTLING_PER_PLACE);

            CompletableFuture<CompletableFuture<Void>> next = CompletableFuture.supplyAsync(
                    () -> deliveries.deliverConcurrently(sender, "main", record(Deliveries.SETTLING_PER_PLACE + 1)));
            Awaitility.await("the listener waits while the broker confirms nothing")
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !next.isDone());
            assertThat(sent).hasValue(Deliveries.SETTLING_PER_PLACE);

            broker.completeNext();
            CompletableFuture<Void> last = next.get(10, TimeUnit.SECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> broker.history().size() == Deliveries.SETTLING_PER_PLACE + 1);
            assertThat(sent).hasValue(Deliveries.SETTLING_PER_PLACE + 1);
            while (broker.completeNext()) {
                // confirms the rest
            }
            for (CompletableFuture<Void> each : waiting) {
                each.get(10, TimeUnit.SECONDS);
            }
            last.get(10, TimeUnit.SECONDS);
        }
    }

    private Deliveries deliveries() {
        EndpointDirectory directory = mock(EndpointDirectory.class);
        when(directory.get(anyString())).thenAnswer(call -> Optional.of(endpoint(call.getArgument(0))));
        EndpointGate gate = mock(EndpointGate.class);
        when(gate.detachAfter()).thenReturn(Duration.ofSeconds(5));
        return new Deliveries(
                directory,
                new MockProducerFactory<>(() -> broker),
                concluded,
                new DeliveryMetrics(new SimpleMeterRegistry()),
                gate,
                null);
    }

    private static ConsumerRecord<String, Object> record(int n) {
        String endpointId = "ep-" + n;
        DeliveryRequested request = new DeliveryRequested(
                "delivery-" + n,
                "notification-1",
                endpointId,
                "mo-district-columbia-93",
                Channel.EMAIL,
                "secretary-" + n + "@schools.example",
                Lane.URGENT,
                Feed.URGENT_ALERTS,
                new Message("Lockdown", "Shelter in place.", null),
                Instant.now());
        return new ConsumerRecord<>("delivery-requests-urgent", 0, n, endpointId, request);
    }

    private static EndpointChanged endpoint(String endpointId) {
        return TestEndpoints.verified(
                endpointId, "mo-district-columbia-93", Channel.EMAIL, "secretary@schools.example");
    }
}
