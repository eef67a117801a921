package org.schoolsafety.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our signatures against the Standard Webhooks test vectors and the reference verifier
 * ({@code com.standardwebhooks:standardwebhooks}) that a district's IT system would use.
 */
class WebhookSignatureTests {

    private static final JsonNode VECTORS = vectors();

    @Test
    void thePositiveVectorGivesExactlyItsExpectedHeader() {
        for (JsonNode vector : VECTORS.path("positive")) {
            String header = WebhookSignature.header(
                    vector.path("webhook-id").asString(),
                    Long.parseLong(vector.path("webhook-timestamp").asString()),
                    vector.path("payload").asString().getBytes(StandardCharsets.UTF_8),
                    List.of(vector.path("secret").asString()));
            assertThat(header)
                    .isEqualTo(vector.path("expected_signature_header").asString());
            for (JsonNode negative : VECTORS.path("negative")) {
                if (negative.has("signature_header")) {
                    assertThat(header)
                            .as(negative.path("case").asString())
                            .isNotEqualTo(negative.path("signature_header").asString());
                }
            }
        }
    }

    @Test
    void theReferenceVerifierAcceptsOurRequestsWithEitherSecretDuringARotation() throws Exception {
        String oldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String newSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
        String id = "0b6f0c0e-0d9e-3c59-8b1a-6a7f2c4b9d10";
        long now = System.currentTimeMillis() / 1000;
        byte[] body = "{\"type\":\"alert.urgent\",\"data\":{\"subject\":\"Lockdown – Hickman High\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(id, now, body, List.of(newSecret, oldSecret));
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));

        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(header));
        String payload = new String(body, StandardCharsets.UTF_8);
        new Webhook(oldSecret).verify(payload, headers);
        new Webhook(newSecret).verify(payload, headers);
        assertThatThrownBy(() -> new Webhook("whsec_" + "A".repeat(32)).verify(payload, headers))
                .as("a secret that did not sign it")
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> new Webhook(oldSecret).verify(payload + " ", headers))
                .as("a changed body")
                .isInstanceOf(Exception.class);
    }

    @Test
    void signaturesMadeOnManyThreadsAtOnceAreEachTheirOwn() throws Exception {
        // every signature starts from one shared, provider-chosen HMAC: none may see another's key or bytes
        int threads = 8;
        int each = 500;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int verified = 0;
                    for (int i = 0; i < each; i++) {
                        String secret = "whsec_"
                                + java.util.Base64.getEncoder()
                                        .encodeToString(("secret-of-thread-" + thread + "-" + i)
                                                .getBytes(StandardCharsets.UTF_8));
                        String id = "msg_" + thread + "_" + i;
                        String payload = "{\"thread\":" + thread + ",\"i\":" + i + "}";
                        String header = WebhookSignature.header(
                                id, 1_700_000_000L + i, payload.getBytes(StandardCharsets.UTF_8), List.of(secret));
                        assertThat(header).isEqualTo(reference(secret, id, 1_700_000_000L + i, payload));
                        verified++;
                    }
                    return verified;
                }));
            }
            start.countDown();
        }
        for (var result : results) {
            assertThat(result.get()).isEqualTo(each);
        }
    }

    /** The header computed the plain way, with a Mac of its own. */
    private static String reference(String secret, String id, long timestamp, String payload) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
        return "v1," + java.util.Base64.getEncoder().encodeToString(digest);
    }

    @Test
    void aMessageIsSignedWithAtLeastOneSecret() {
        assertThatThrownBy(() -> WebhookSignature.header("id", 1, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode vectors() {
        try (InputStream in =
                WebhookSignatureTests.class.getResourceAsStream("/standard-webhooks/TEST-VECTORS.compiled.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
