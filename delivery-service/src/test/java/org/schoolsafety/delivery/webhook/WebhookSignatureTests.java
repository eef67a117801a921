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
