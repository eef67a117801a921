package org.schoolsafety.delivery.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.settings.SmsSettings;

/** The provider client against a Twilio-compatible API on the loopback address that answers well, badly or late. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsProviderClientTests {

    static final String ACCOUNT = "ACtest0001";
    static final String TOKEN = "test-auth-token";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private WireMockServer provider;
    private SmsProviderClient client;

    @BeforeAll
    void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        client = new SmsProviderClient(properties(URI.create(provider.baseUrl()), "+15005550006", null));
    }

    @AfterAll
    void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
    }

    static SmsSettings properties(URI baseUrl, String from, String messagingService) {
        return new SmsSettings(
                true,
                2,
                2,
                baseUrl,
                ACCOUNT,
                TOKEN,
                from,
                messagingService,
                null,
                4,
                10,
                80,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofDays(7));
    }

    @Test
    void aMessageIsPostedAsAFormWithBasicAuthenticationAndItsSidIsTheReference() {
        provider.stubFor(post(MESSAGES)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM0123456789abcdef\", \"status\": \"queued\"}")));
        Attempt attempt = client.send("+15558675310", "Lockdown\nShelter in place & wait: 100%", "https://x/cb");
        assertThat(attempt).isEqualTo(Attempt.succeeded("SM0123456789abcdef"));

        List<LoggedRequest> calls = provider.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        assertThat(call.getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(call.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(call.formParameters().get("To").firstValue()).isEqualTo("+15558675310");
        assertThat(call.formParameters().get("From").firstValue()).isEqualTo("+15005550006");
        assertThat(call.formParameters().get("Body").firstValue()).isEqualTo("Lockdown\nShelter in place & wait: 100%");
        assertThat(call.formParameters().get("StatusCallback").firstValue()).isEqualTo("https://x/cb");
        assertThat(call.formParameters()).doesNotContainKey("MessagingServiceSid");
    }

    @Test
    void aMessagingServiceReplacesTheSenderNumber() {
        provider.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SM2\"}")));
        SmsProviderClient viaService =
                new SmsProviderClient(properties(URI.create(provider.baseUrl() + "/"), null, "MG0001"));
        assertThat(viaService.send("+15558675310", "x", null).reference()).isEqualTo("SM2");
        LoggedRequest call =
                provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))).getFirst();
        assertThat(call.formParameters().get("MessagingServiceSid").firstValue())
                .isEqualTo("MG0001");
        assertThat(call.formParameters()).doesNotContainKeys("From", "StatusCallback");
    }

    @Test
    void a429IsRetriedAfterTheProvidersRetryAfter() {
        provider.stubFor(post(MESSAGES)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\"}")));
        assertThat(client.send("+15558675310", "x", null))
                .isEqualTo(Attempt.retry("SMS provider 429", Duration.ofSeconds(7), true));
    }

    @Test
    void a5xxIsRetried() {
        provider.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));
        assertThat(client.send("+15558675310", "x", null))
                .isEqualTo(Attempt.retry("SMS provider HTTP 503", null, true));
    }

    @Test
    void aBadOrUnreachableNumberIsAPermanentFailureNamedByItsErrorCode() {
        for (String code : List.of("21211", "21610", "21614", "21408")) {
            provider.stubFor(post(MESSAGES)
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"code\": " + code + ", \"message\": \"m\", \"status\": 400}")));
            assertThat(client.send("+15558675310", "x", null))
                    .as(code)
                    .isEqualTo(
                            code.equals("21408")
                                    ? Attempt.permanent("SMS provider " + code, true) // our account's regions
                                    : Attempt.unusable("SMS provider " + code)); // the number: disabled
        }
        provider.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withBody("not json")));
        assertThat(client.send("+15558675310", "x", null)).isEqualTo(Attempt.permanent("SMS provider HTTP 400", true));
    }

    @Test
    void ourCredentialsOrSenderRefusedAreRetriedForAnOperatorToMend() {
        provider.stubFor(post(MESSAGES)
                .willReturn(aResponse().withStatus(401).withBody("{\"code\": 20003, \"message\": \"Authenticate\"}")));
        assertThat(client.send("+15558675310", "x", null)).isEqualTo(Attempt.retry("SMS provider 20003", null, true));
        provider.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(403)));
        assertThat(client.send("+15558675310", "x", null))
                .isEqualTo(Attempt.retry("SMS provider HTTP 403", null, true));
        provider.stubFor(post(MESSAGES)
                .willReturn(aResponse().withStatus(400).withBody("{\"code\": 21606, \"message\": \"From\"}")));
        assertThat(client.send("+15558675310", "x", null)).isEqualTo(Attempt.retry("SMS provider 21606", null, true));
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsRetriedWithoutWaitingForIt() {
        provider.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        long began = System.nanoTime();
        Attempt attempt = client.send("+15558675310", "x", null);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(attempt).isEqualTo(Attempt.retry("no answer from the SMS provider within 1 s", null, false));
        assertThat(took).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void aProviderThatCannotBeReachedIsRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SmsProviderClient unreachable =
                new SmsProviderClient(properties(URI.create("http://127.0.0.1:" + closed), "+15005550006", null));
        Attempt attempt = unreachable.send("+15558675310", "x", null);
        assertThat(attempt.kind()).isEqualTo(Attempt.Kind.RETRY);
        assertThat(attempt.answered()).isFalse();
        assertThat(attempt.reason()).startsWith("SMS provider unreachable");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(SmsProviderClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(SmsProviderClient.retryAfter(null)).isNull();
        assertThat(SmsProviderClient.retryAfter("soon")).isNull();
        assertThat(SmsProviderClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .isEqualTo(Duration.ZERO);
    }
}
