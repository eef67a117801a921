package org.schoolsafety.delivery.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.TestEndpoints;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.kafka.CloudEventDeserializer;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMS deliveries through a real broker and Redis to a Twilio-compatible provider on the loopback address
 * (WireMock), and the provider's signed callbacks to our public paths over real HTTP: sent once with the right
 * form and credentials, retried after a 429, failed for good on an invalid number, receipts from status callbacks,
 * replies as {@link SmsReceived}, and forged callbacks refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ssn.delivery.sms.account-sid=" + SmsDeliveryIT.ACCOUNT,
            "ssn.delivery.sms.auth-token=" + SmsDeliveryIT.TOKEN,
            "ssn.delivery.sms.from=+15005550006",
            "ssn.delivery.sms.callback-base-url=" + SmsDeliveryIT.PUBLIC_BASE,
            "ssn.links.base-url=" + SmsDeliveryIT.PUBLIC_BASE,
            "ssn.delivery.sms.messages-per-second=50",
            "ssn.delivery.urgent.attempts=5",
            "ssn.delivery.urgent.first-retry=200ms",
            "ssn.delivery.urgent.jitter=0ms",
            "ssn.delivery.bulk.attempts=5",
            "ssn.delivery.bulk.first-retry=200ms",
            "ssn.delivery.bulk.jitter=0ms",
            // one consumer per lane: no rebalance hands a record over half-way, so attempts count straight
            "ssn.delivery.sms.urgent-consumers=1",
            "ssn.delivery.sms.bulk-consumers=1",
            "ssn.delivery.webhooks.urgent-consumers=1",
            "ssn.delivery.webhooks.bulk-consumers=1"
        })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsDeliveryIT {

    static final String ACCOUNT = "ACintegration0001";
    static final String TOKEN = "integration-auth-token";
    static final String PUBLIC_BASE = "https://alerts.example.test";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String ORGANISATION = "mo-district-columbia-93";

    static final WireMockServer PROVIDER =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("ssn.delivery.sms.base-url", PROVIDER::baseUrl);
    }

    @Autowired
    private EventPublisher publisher;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private org.schoolsafety.platform.security.SignedLinks signedLinks;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void endpoints() throws Exception {
        endpoint("ep-sms-ok", "+15550000001");
        endpoint("ep-sms-busy", "+15550000002");
        endpoint("ep-sms-invalid", "+15550000003");
        endpoint("ep-sms-receipt", "+15550000004");
        stubSid("+15550000001", "SMok0001");
        stubSid("+15550000004", "SMreceipt0001");
        PROVIDER.stubFor(post(MESSAGES)
                .withFormParam("To", equalTo("+15550000002"))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"))
                .willSetStateTo("calm"));
        PROVIDER.stubFor(post(MESSAGES)
                .withFormParam("To", equalTo("+15550000002"))
                .inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(created("SMbusy0001")));
        PROVIDER.stubFor(post(MESSAGES)
                .withFormParam("To", equalTo("+15550000003"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21211, \"message\": \"The 'To' number is not a valid phone number.\","
                                + " \"status\": 400}")));
    }

    @AfterAll
    void stop() {
        PROVIDER.stop();
    }

    @Test
    void aRequestIsSentOnceWithTheRightFormAndCredentialsHoweverOftenItIsRedelivered() throws Exception {
        DeliveryRequested request = request("n-sms-ok", "ep-sms-ok", Feed.URGENT_ALERTS, "Shelter in place.");
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-ok", request).get();
        DeliverySucceeded succeeded =
                awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(request.deliveryId()));
        assertThat(succeeded.attempt()).isEqualTo(1);
        assertThat(succeeded.channel()).isEqualTo(Channel.SMS);
        assertThat(succeeded.providerReference()).isEqualTo("SMok0001");

        List<LoggedRequest> calls = calls("+15550000001", "Lockdown at n-sms-ok\nShelter in place.");
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        assertThat(call.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes()));
        assertThat(call.formParameters().get("From").firstValue()).isEqualTo("+15005550006");
        assertThat(call.formParameters().get("StatusCallback").firstValue())
                .isEqualTo(PUBLIC_BASE + "/public/sms/status");
        assertThat(redis.opsForValue().get("sms:sid:SMok0001"))
                .isEqualTo(String.join("|", request.deliveryId(), "n-sms-ok", "ep-sms-ok", ORGANISATION));

        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-ok", request).get();
        DeliveryRequested marker = request("n-sms-ok-after", "ep-sms-ok", Feed.URGENT_ALERTS, "After.");
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-ok", marker).get();
        awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(marker.deliveryId()));
        assertThat(calls("+15550000001", "Lockdown at n-sms-ok\nShelter in place."))
                .as("redelivered after success: not sent again")
                .hasSize(1);
    }

    @Test
    void anAlertSmsCarriesThisRecipientsOwnAcknowledgementLinkWhereTheProducerLeftRoom() throws Exception {
        DeliveryRequested plain = request("n-sms-ack", "ep-sms-ok", Feed.URGENT_ALERTS, "Shelter in place.");
        DeliveryRequested request = new DeliveryRequested(
                plain.deliveryId(),
                plain.notificationId(),
                plain.endpointId(),
                plain.organisationId(),
                plain.channel(),
                plain.address(),
                plain.lane(),
                plain.feed(),
                new Message(
                        "Lockdown",
                        "Shelter in place.",
                        null,
                        null,
                        "LOCKDOWN now. Acknowledge: " + Message.ACKNOWLEDGE_LINK),
                plain.requestedAt());
        publisher.publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-ok", request).get();
        awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(request.deliveryId()));

        String prefix = "LOCKDOWN now. Acknowledge: " + PUBLIC_BASE + "/public/acknowledgements/";
        String body = PROVIDER.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
                .map(r -> r.formParameters().get("Body").firstValue())
                .filter(b -> b.startsWith(prefix))
                .findFirst()
                .orElseThrow();
        assertThat(signedLinks.verify("acknowledge", body.substring(prefix.length())))
                .isEqualTo(request.deliveryId());
    }

    @Test
    void aLongMessageIsCutToFourSegmentsAndStillSent() throws Exception {
        String text = "Evacuate the east wing and gather at the football field. ".repeat(30);
        DeliveryRequested request = request("n-sms-long", "ep-sms-ok", Feed.WEEKLY_BULLETIN, text);
        publisher.publish(Topics.DELIVERY_REQUESTS_BULK, "ep-sms-ok", request).get();
        awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(request.deliveryId()));
        LoggedRequest call = PROVIDER.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
                .filter(r -> r.formParameters().get("Body").firstValue().startsWith("Lockdown at n-sms-long\n"))
                .findFirst()
                .orElseThrow();
        String body = call.formParameters().get("Body").firstValue();
        assertThat(body).endsWith("...");
        assertThat(SmsSegments.count(body).segments()).isEqualTo(4);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndThenSucceeds() throws Exception {
        DeliveryRequested request = request("n-sms-busy", "ep-sms-busy", Feed.URGENT_ALERTS, "Shelter in place.");
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-busy", request)
                .get();
        DeliverySucceeded succeeded =
                awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(request.deliveryId()));
        assertThat(succeeded.attempt()).isGreaterThanOrEqualTo(2);
        assertThat(succeeded.providerReference()).isEqualTo("SMbusy0001");
        assertThat(events(DeliveryFailed.class, f -> f.deliveryId().equals(request.deliveryId())))
                .isNotEmpty()
                .allMatch(f -> !f.permanent())
                .first()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("SMS provider 429"));
        assertThat(PROVIDER.findAll(
                        postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15550000002"))))
                .as("once refused, once accepted: the Retry-After held the rest back")
                .hasSize(2);
    }

    @Test
    void anInvalidNumberIsAPermanentFailureAtOnce() throws Exception {
        DeliveryRequested request = request("n-sms-invalid", "ep-sms-invalid", Feed.URGENT_ALERTS, "Shelter in place.");
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-invalid", request)
                .get();
        DeliveryFailed failed =
                awaitEvent(DeliveryFailed.class, f -> f.deliveryId().equals(request.deliveryId()));
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).isEqualTo("SMS provider 21211");
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(PROVIDER.findAll(
                        postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+15550000003"))))
                .hasSize(1);
    }

    @Test
    void signedStatusCallbacksBecomeReceiptsOfTheirDelivery() throws Exception {
        DeliveryRequested request = request("n-sms-receipt", "ep-sms-receipt", Feed.URGENT_ALERTS, "Shelter in place.");
        publisher
                .publish(Topics.DELIVERY_REQUESTS_URGENT, "ep-sms-receipt", request)
                .get();
        awaitEvent(DeliverySucceeded.class, s -> s.deliveryId().equals(request.deliveryId()));

        assertThat(callback("/public/sms/status", status("SMreceipt0001", "sent", null), true)
                        .statusCode())
                .isEqualTo(204);
        assertThat(callback("/public/sms/status", status("SMreceipt0001", "delivered", null), true)
                        .statusCode())
                .isEqualTo(204);
        DeliveryReceipt delivered =
                awaitEvent(DeliveryReceipt.class, r -> r.deliveryId().equals(request.deliveryId()));
        assertThat(delivered)
                .usingRecursiveComparison()
                .ignoringFields("at")
                .isEqualTo(new DeliveryReceipt(
                        request.deliveryId(),
                        "n-sms-receipt",
                        "ep-sms-receipt",
                        ORGANISATION,
                        Channel.SMS,
                        DeliveryReceipt.Status.DELIVERED,
                        "SMreceipt0001",
                        null,
                        Instant.EPOCH));

        assertThat(callback("/public/sms/status", status("SMreceipt0001", "undelivered", "30003"), true)
                        .statusCode())
                .isEqualTo(204);
        DeliveryReceipt undelivered = awaitEvent(
                DeliveryReceipt.class,
                r -> r.deliveryId().equals(request.deliveryId()) && r.status() == DeliveryReceipt.Status.UNDELIVERED);
        assertThat(undelivered.errorCode()).isEqualTo("30003");
        assertThat(events(DeliveryReceipt.class, r -> r.deliveryId().equals(request.deliveryId())))
                .as("'sent' is no receipt")
                .hasSize(2);

        assertThat(callback("/public/sms/status", status("SMunknown", "delivered", null), true)
                        .statusCode())
                .as("a message that is not ours is acknowledged and dropped")
                .isEqualTo(204);
    }

    @Test
    void aCallbackWithoutAValidSignatureIsRefusedWithAProblem() throws Exception {
        Map<String, String> form = status("SMok0001", "failed", "30008");
        HttpResponse<String> unsigned = callback("/public/sms/status", form, false);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unsigned.body()).contains("\"status\":403").doesNotContain("Exception");

        HttpResponse<String> forged = postForm("/public/sms/status", form, "Zm9yZ2Vk");
        assertThat(forged.statusCode()).isEqualTo(403);

        // signed over the address it was sent to rather than our public callback URL: a forged Host proves nothing
        String local = "http://127.0.0.1:" + port + "/public/sms/status";
        HttpResponse<String> wrongUrl =
                postForm("/public/sms/status", form, TwilioSignature.compute(TOKEN, local, arrays(form)));
        assertThat(wrongUrl.statusCode()).isEqualTo(403);

        HttpResponse<String> inbound = callback("/public/sms/inbound", inbound("SMforged", "STOP"), false);
        assertThat(inbound.statusCode()).isEqualTo(403);
        assertThat(events(DeliveryReceipt.class, r -> r.providerReference().equals("SMok0001")))
                .isEmpty();
        assertThat(events(SmsReceived.class, r -> r.providerMessageId().equals("SMforged")))
                .isEmpty();
    }

    @Test
    void anInboundStopBecomesSmsReceivedKeyedByTheSender() throws Exception {
        HttpResponse<String> answer = callback("/public/sms/inbound", inbound("SMinbound0001", "STOP"), true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(answer.body()).contains("<Response/>");
        ConsumerRecord<String, Object> record = await("SmsReceived")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> records().stream()
                                .filter(r -> r.value() instanceof SmsReceived received
                                        && received.providerMessageId().equals("SMinbound0001"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(record.key()).isEqualTo("+15550000009");
        SmsReceived received = (SmsReceived) record.value();
        assertThat(received.from()).isEqualTo("+15550000009");
        assertThat(received.to()).isEqualTo("+15005550006");
        assertThat(received.body()).isEqualTo("STOP");
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private static void stubSid(String to, String sid) {
        PROVIDER.stubFor(post(MESSAGES).withFormParam("To", equalTo(to)).willReturn(created(sid)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}");
    }

    private static List<LoggedRequest> calls(String to, String body) {
        return PROVIDER.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("To", equalTo(to))
                .withFormParam("Body", equalTo(body)));
    }

    private static Map<String, String> status(String sid, String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", "+15550000004");
        form.put("From", "+15005550006");
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    private static Map<String, String> inbound(String sid, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("MessageSid", sid);
        form.put("From", "+15550000009");
        form.put("To", "+15005550006");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    private HttpResponse<String> callback(String path, Map<String, String> form, boolean signed) throws Exception {
        String signature = signed ? TwilioSignature.compute(TOKEN, PUBLIC_BASE + path, arrays(form)) : null;
        return postForm(path, form, signature);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, String signature) throws Exception {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (signature != null) {
            request.header(TwilioSignature.HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String[]> arrays(Map<String, String> form) {
        Map<String, String[]> arrays = new LinkedHashMap<>();
        form.forEach((name, value) -> arrays.put(name, new String[] {value}));
        return arrays;
    }

    private void endpoint(String id, String number) throws Exception {
        TestEndpoints.publish(publisher, id, ORGANISATION, Channel.SMS, number);
    }

    private static DeliveryRequested request(String notificationId, String endpointId, Feed feed, String text) {
        return new DeliveryRequested(
                DeliveryIds.of(notificationId, endpointId),
                notificationId,
                endpointId,
                ORGANISATION,
                Channel.SMS,
                "ignored: the directory has the number",
                feed == Feed.WEEKLY_BULLETIN ? Lane.BULK : Lane.URGENT,
                feed,
                new Message("Lockdown at " + notificationId, text, null),
                Instant.now());
    }

    private <T> T awaitEvent(Class<T> type, Predicate<T> matching) {
        return await(type.getSimpleName())
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> events(type, matching).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private <T> List<T> events(Class<T> type, Predicate<T> matching) {
        return records().stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(matching)
                .toList();
    }

    /** Everything on {@code delivery-outcomes} so far, in each partition's order. */
    private List<ConsumerRecord<String, Object>> records() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<String, Object>> found = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_OUTCOMES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }
}
