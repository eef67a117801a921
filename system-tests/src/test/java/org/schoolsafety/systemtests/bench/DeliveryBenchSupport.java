package org.schoolsafety.systemtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.directory.WebhookSecret;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.CloudEventSerializer;

/**
 * What the delivery benchmarks ({@link WebhookBench}, {@link EmailBench}, {@link AlertBench}) share: endpoints
 * written to the {@code directory} topic as subscription-service would leave them, delivery requests written to the
 * urgent lane as its audience expansion would, and the stack's sinks read from outside. Only 127.0.0.1 is ever
 * addressed.
 */
final class DeliveryBenchSupport {

    static final String ORGANISATION = "mo-district-bench";

    private static final Pattern SMTP_LINE = Pattern.compile(".*INFO\\s+sinks\\s+smtp 127\\.0\\.0\\.1:(\\d+),.*");
    private static final Pattern EMAILS = Pattern.compile("\"emails\"\\s*:\\s*(-?\\d+)");

    private DeliveryBenchSupport() {}

    static KafkaProducer<String, Object> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new StringSerializer(), new CloudEventSerializer());
    }

    /** A verified endpoint subscribed to urgent alerts: a webhook when {@code secret} is given, else an email. */
    static EndpointChanged endpoint(String id, Channel channel, String address, String secret, Instant now) {
        return endpoint(id, ORGANISATION, channel, address, secret, now);
    }

    /** The same, of organisation {@code organisationId} (one the directory has, when alerts must reach it). */
    static EndpointChanged endpoint(
            String id, String organisationId, Channel channel, String address, String secret, Instant now) {
        return new EndpointChanged(
                id,
                organisationId,
                channel,
                address,
                null,
                channel == Channel.WEBHOOK ? PayloadFormat.JSON : null,
                secret == null ? List.of() : List.of(new WebhookSecret(secret, now, null)),
                List.of(Feed.URGENT_ALERTS),
                false,
                null,
                true,
                false,
                false,
                now);
    }

    /**
     * Writes the endpoints to the directory topic and waits until the broker has them all; where each landed
     * (partition and offset), in the same order.
     */
    static List<RecordMetadata> writeEndpoints(String bootstrap, List<EndpointChanged> endpoints) throws Exception {
        try (KafkaProducer<String, Object> producer = producer(bootstrap)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(endpoints.size());
            for (EndpointChanged endpoint : endpoints) {
                sent.add(producer.send(new ProducerRecord<>(Topics.DIRECTORY.name(), endpoint.endpointId(), endpoint)));
            }
            List<RecordMetadata> written = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                written.add(future.get());
            }
            return written;
        }
    }

    /**
     * The delivery requests of {@code notifications} urgent notifications to every endpoint, notification by
     * notification (so consecutive requests go to different endpoints), each notification id new.
     */
    static List<DeliveryRequested> requests(
            List<EndpointChanged> endpoints, int notifications, String label, IntFunction<Message> message) {
        List<DeliveryRequested> requests = new ArrayList<>(endpoints.size() * notifications);
        Instant now = Instant.now();
        for (int n = 0; n < notifications; n++) {
            String notificationId = "bench-" + label + "-" + n + "-" + java.util.UUID.randomUUID();
            Message content = message.apply(n);
            for (EndpointChanged endpoint : endpoints) {
                requests.add(new DeliveryRequested(
                        DeliveryIds.of(notificationId, endpoint.endpointId()),
                        notificationId,
                        endpoint.endpointId(),
                        endpoint.organisationId(),
                        endpoint.channel(),
                        endpoint.address(),
                        Lane.URGENT,
                        Feed.URGENT_ALERTS,
                        content,
                        now));
            }
        }
        return requests;
    }

    /**
     * Sends every request to the urgent lane as fast as the producer takes them (keyed by endpoint, as
     * subscription-service does), then waits until the broker acknowledged them all.
     */
    static void publish(KafkaProducer<String, Object> producer, List<DeliveryRequested> requests) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(requests.size());
        for (DeliveryRequested request : requests) {
            sent.add(producer.send(
                    new ProducerRecord<>(Topics.DELIVERY_REQUESTS_URGENT.name(), request.endpointId(), request)));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
    }

    /** The SMTP port of the stack's GreenMail sink, from its {@code sinks} console line. */
    static int smtpPort(List<String> console) {
        for (String line : console) {
            Matcher matcher = SMTP_LINE.matcher(line);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the stack printed no sinks line with an SMTP port");
    }

    /** The sink's {@code GET /sink/counts}: how many emails its mailboxes hold. */
    static long emailCount(HttpClient http, String sinkUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sinkUrl + "/sink/counts"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = EMAILS.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException(
                    "GET /sink/counts answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The sink's {@code DELETE /sink}: forgets every message, so the next phase counts from zero. */
    static void clearSink(HttpClient http, String sinkUrl) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(sinkUrl + "/sink"))
                        .DELETE()
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("DELETE /sink answered " + response.statusCode());
        }
    }

    /**
     * Before a measured phase: waits until the machine has been at most {@code bench.quiet-busy-pct} (30) busy for a
     * second, at most {@code bench.quiet-limit-seconds} (60), so that the phase does not share the cores with work
     * left from the one before it (services still reading a warm-up's outcomes, compilers). Returns what
     * {@link CpuTimes#awaitQuiet} saw, for the informational line.
     */
    static String awaitQuiet() throws InterruptedException {
        return CpuTimes.awaitQuiet(
                Integer.getInteger("bench.quiet-busy-pct", 30),
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(Integer.getInteger("bench.quiet-limit-seconds", 60)));
    }

    /** The machine's 1-minute load average, for the informational line ({@code ?} where unknown). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
