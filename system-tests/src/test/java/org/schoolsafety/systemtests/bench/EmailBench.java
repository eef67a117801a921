package org.schoolsafety.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.systemtests.bench.DeliveryBenchSupport.seconds;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.platform.mail.MailStreams;
import org.schoolsafety.systemtests.LocalStackProcess;

/**
 * {@code bench.email}: how long {@code bench.messages} urgent emails (default 10,000) take through the real broker
 * and delivery-service to the local stack's SMTP sink (GreenMail), against the same sink fed directly with Jakarta
 * Mail. The whole platform runs from the local stack (optimising JIT; webhook and SMS adapters off). The
 * {@code bench.endpoints} verified email endpoints (default 1,000, {@code bench-<i>@schools.example}) are written
 * to the {@code directory} topic; warm-up rounds of one message per endpoint go until one reaches them all
 * (delivery-service has the whole directory) and then {@code bench.warmup-rounds} more; the sink is cleared
 * ({@code DELETE /sink}) before each timed phase, whose end is read from {@code GET /sink/counts} every
 * {@code bench.poll-ms} (100).
 * <ul>
 *   <li>{@code seconds}: the requests are published to {@code delivery-requests-urgent} as fast as a producer takes
 *       them; from the first send until the sink holds them all;
 *   <li>{@code raw_seconds}: the same number of messages of the same kind ({@code multipart/alternative}, text and
 *       HTML, a {@code Message-ID} each) sent by {@code bench.connections} threads (4, delivery-service's
 *       {@code ssn.delivery.email.connections}), each over one reused {@code Transport}, after a warm-up of the same size
 *       as the platform's; timed the same way.
 * </ul>
 * Prints {@code bench.email messages=<n> seconds=<t> raw_seconds=<t0> ratio=<t/t0>} and an informational
 * {@code email-bench ...} line. Asserts only that every message arrived.
 *
 * <p>Sixty warm-up rounds, not twenty: with twenty, delivery-service's JIT compiler threads still took 30–47% of a
 * core through the whole measured phase (their CPU time in {@code /proc/<pid>/task}), C2 taking seconds per method
 * on these cores, and the phase measured compilation as much as delivery; with sixty, 0–14% (one run each). Each
 * timed phase starts once the machine has been at most {@code bench.quiet-busy-pct} (30) busy for a second,
 * waiting at most {@code bench.quiet-limit-seconds} (60), so that neither phase shares the cores with work left
 * from the one before it (services reading a warm-up's outcomes, compilers); {@code quiet_wait_s} says how long
 * that took ({@code +} quiet, {@code !} not).
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl system-tests -am verify -Dbench=email}. Settings (system properties):
 * {@code bench.messages} (10000), {@code bench.endpoints} (1000), {@code bench.warmup-rounds} (60),
 * {@code bench.connections} (4), {@code bench.poll-ms} (100), {@code bench.wait-minutes} per phase (10),
 * {@code bench.quiet-busy-pct} (30), {@code bench.quiet-limit-seconds} (60).
 */
@EnabledIfSystemProperty(named = "bench", matches = "email")
class EmailBench {

    static {
        // the plain client names Jakarta Mail's stream provider as delivery-service does, like for like
        MailStreams.name();
    }

    private static final String FROM = "Missouri School Safety Alerts <alerts@schoolsafety.example>";

    @Test
    void emailDeliveries() throws Exception {
        int messages = Integer.getInteger("bench.messages", 10_000);
        int endpointCount = Integer.getInteger("bench.endpoints", 1_000);
        int warmupRounds = Integer.getInteger("bench.warmup-rounds", 60);
        int connections = Integer.getInteger("bench.connections", 4);
        Duration poll = Duration.ofMillis(Integer.getInteger("bench.poll-ms", 100));
        Duration wait = Duration.ofMinutes(Integer.getInteger("bench.wait-minutes", 10));
        try (LocalStackProcess stack = LocalStackProcess.start(
                        Duration.ofSeconds(300),
                        Map.of(
                                "SSN_SERVICE_JIT", "full",
                                "SSN_DELIVERY_WEBHOOKS_ENABLED", "false",
                                "SSN_DELIVERY_SMS_ENABLED", "false"));
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            String sinkUrl = stack.sinkUrl();
            int smtpPort = DeliveryBenchSupport.smtpPort(stack.console());
            Instant now = Instant.now();
            List<EndpointChanged> endpoints = new ArrayList<>(endpointCount);
            for (int i = 0; i < endpointCount; i++) {
                endpoints.add(DeliveryBenchSupport.endpoint(
                        "ep-bench-email-" + i, Channel.EMAIL, "bench-" + i + "@schools.example", null, now));
            }
            DeliveryBenchSupport.writeEndpoints(stack.kafkaBootstrap(), endpoints);

            long platformNanos;
            long publishNanos;
            long platformCount;
            String loadAtStart;
            String platformSteal;
            String platformQuiet;
            int rounds = 0;
            try (KafkaProducer<String, Object> producer = DeliveryBenchSupport.producer(stack.kafkaBootstrap())) {
                // delivery-service's view follows the directory topic, and fails a request for an endpoint it does
                // not know yet: rounds until one reaches every endpoint
                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                boolean known = false;
                long reached = 0;
                while (!known && System.nanoTime() < deadline) {
                    rounds++;
                    DeliveryBenchSupport.clearSink(http, sinkUrl);
                    DeliveryBenchSupport.publish(
                            producer,
                            DeliveryBenchSupport.requests(endpoints, 1, "email-known-" + rounds, EmailBench::message));
                    Arrival arrival = awaitCount(http, sinkUrl, endpointCount, poll, Duration.ofSeconds(120), true);
                    known = arrival.all();
                    reached = arrival.count();
                }
                assertThat(known)
                        .as("a warm-up round reached all %d endpoints (the last reached %d)", endpointCount, reached)
                        .isTrue();
                for (int warm = 0; warm < warmupRounds; warm++) {
                    rounds++;
                    DeliveryBenchSupport.clearSink(http, sinkUrl);
                    DeliveryBenchSupport.publish(
                            producer,
                            DeliveryBenchSupport.requests(endpoints, 1, "email-warm-" + warm, EmailBench::message));
                    Arrival arrival = awaitCount(http, sinkUrl, endpointCount, poll, wait, false);
                    assertThat(arrival.all())
                            .as("warm-up round %d arrived in full (%d of %d)", warm, arrival.count(), endpointCount)
                            .isTrue();
                }

                List<DeliveryRequested> requests = DeliveryBenchSupport.requests(
                                endpoints,
                                (messages + endpointCount - 1) / endpointCount,
                                "email-measured",
                                EmailBench::message)
                        .subList(0, messages);
                DeliveryBenchSupport.clearSink(http, sinkUrl);
                platformQuiet = DeliveryBenchSupport.awaitQuiet();
                loadAtStart = DeliveryBenchSupport.loadAverage();
                CpuTimes cpuAtStart = CpuTimes.now();
                long start = System.nanoTime();
                DeliveryBenchSupport.publish(producer, requests);
                publishNanos = System.nanoTime() - start;
                Arrival arrival = awaitCount(http, sinkUrl, messages, poll, wait, false);
                assertThat(arrival.all())
                        .as(
                                "all %d emails reached the SMTP sink within %s (%d did; delivery-service's log is"
                                        + " under system-tests/target/local-stack-logs)",
                                messages, wait, arrival.count())
                        .isTrue();
                platformNanos = arrival.atNanos() - start;
                platformSteal = CpuTimes.now().stealPercentSince(cpuAtStart);
                // a retried message counts twice in the sink: say so when the count goes past the requests
                Thread.sleep(1000);
                platformCount = DeliveryBenchSupport.emailCount(http, sinkUrl);
            }

            // the same sink without the platform: Jakarta Mail over the same number of reused connections
            DeliveryBenchSupport.clearSink(http, sinkUrl);
            long warmNanos = raw(smtpPort, endpoints, endpointCount * warmupRounds, connections, "warm");
            assertThat(awaitCount(http, sinkUrl, endpointCount * warmupRounds, poll, wait, false)
                            .all())
                    .as("the raw warm-up arrived in full")
                    .isTrue();
            DeliveryBenchSupport.clearSink(http, sinkUrl);
            String rawQuiet = DeliveryBenchSupport.awaitQuiet();
            CpuTimes cpuAtRaw = CpuTimes.now();
            long start = System.nanoTime();
            long sent = raw(smtpPort, endpoints, messages, connections, "measured");
            Arrival rawArrival = awaitCount(http, sinkUrl, messages, poll, wait, false);
            assertThat(rawArrival.all())
                    .as(
                            "all %d raw messages reached the SMTP sink within %s (%d did)",
                            messages, wait, rawArrival.count())
                    .isTrue();
            long rawNanos = rawArrival.atNanos() - start;
            String rawSteal = CpuTimes.now().stealPercentSince(cpuAtRaw);

            System.out.printf(
                    Locale.ROOT,
                    "bench.email messages=%d seconds=%s raw_seconds=%s ratio=%.2f%n",
                    messages,
                    seconds(platformNanos),
                    seconds(rawNanos),
                    (double) platformNanos / rawNanos);
            System.out.printf(
                    Locale.ROOT,
                    "email-bench endpoints=%d warmup_rounds=%d publish_seconds=%s per_second=%.0f"
                            + " raw_per_second=%.0f platform_sink_count=%d raw_send_seconds=%s raw_warm_seconds=%s"
                            + " connections=%d poll_ms=%d load1_start=%s load1=%s steal_pct=%s/%s"
                            + " quiet_wait_s=%s/%s%n",
                    endpointCount,
                    rounds,
                    seconds(publishNanos),
                    messages / (platformNanos / 1e9),
                    messages / (rawNanos / 1e9),
                    platformCount,
                    seconds(sent),
                    seconds(warmNanos),
                    connections,
                    poll.toMillis(),
                    loadAtStart,
                    DeliveryBenchSupport.loadAverage(),
                    platformSteal,
                    rawSteal,
                    platformQuiet,
                    rawQuiet);
        }
    }

    record Arrival(boolean all, long count, long atNanos) {}

    /**
     * Polls the sink's count until it reaches {@code expected} (then {@code atNanos} is the poll that saw it), or
     * {@code timeout} passed, or, when {@code stallable}, nothing new arrived for 15 s.
     */
    private static Arrival awaitCount(
            HttpClient http, String sinkUrl, long expected, Duration poll, Duration timeout, boolean stallable)
            throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        long last = -1;
        long lastChange = begin;
        while (true) {
            long count = DeliveryBenchSupport.emailCount(http, sinkUrl);
            long at = System.nanoTime();
            if (count >= expected) {
                return new Arrival(true, count, at);
            }
            if (count != last) {
                last = count;
                lastChange = at;
            }
            if (at > deadline
                    || (stallable && at - lastChange > Duration.ofSeconds(15).toNanos())) {
                return new Arrival(false, count, at);
            }
            Thread.sleep(poll);
        }
    }

    /**
     * Sends {@code count} messages, endpoint by endpoint as the platform's requests go, from {@code connections}
     * threads each holding one SMTP connection open throughout; returns how long the sending took (nanoseconds).
     */
    private static long raw(int smtpPort, List<EndpointChanged> endpoints, int count, int connections, String label)
            throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "15000");
        Session session = Session.getInstance(properties);
        InternetAddress from = new InternetAddress(FROM, true);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(connections)) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                sent.add(threads.submit(() -> {
                    int mine = 0;
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            EndpointChanged endpoint = endpoints.get(i % endpoints.size());
                            MimeMessage message =
                                    message(session, from, endpoint, i / endpoints.size(), label + "-" + i);
                            transport.sendMessage(message, message.getAllRecipients());
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> future : sent) {
                total += future.get();
            }
            assertThat(total).as("raw messages the sink accepted").isEqualTo(count);
        }
        return System.nanoTime() - start;
    }

    /** What delivery-service sends for an urgent alert: {@code multipart/alternative}, text and HTML. */
    private static MimeMessage message(
            Session session, InternetAddress from, EndpointChanged endpoint, int notification, String id)
            throws MessagingException {
        Message content = message(notification);
        String acknowledge = "http://127.0.0.1/public/acknowledgements/raw-" + id;
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<raw-" + id + "@schoolsafety.example>");
            }
        };
        message.setFrom(from);
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(endpoint.address()));
        message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text() + "\n\nAcknowledge receipt: " + acknowledge + "\n", StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<p>" + content.text() + "</p>\n<p>Acknowledge receipt: <a href=\"" + acknowledge + "\">" + acknowledge
                        + "</a></p>",
                "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static Message message(int notification) {
        return new Message(
                "Benchmark: urgent alert " + notification,
                "A benchmark of email delivery: shelter in place until further notice.",
                null);
    }
}
