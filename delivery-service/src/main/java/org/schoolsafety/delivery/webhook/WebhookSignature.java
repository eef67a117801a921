package org.schoolsafety.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256, keyed by the base64-decoded secret
 * (without its {@code whsec_} prefix), over {@code webhook-id "." webhook-timestamp "." body}. During a secret
 * rotation the header carries one signature per signing secret, space-separated, so a receiver that knows either
 * secret verifies the request.
 */
final class WebhookSignature {

    private static final String PREFIX = "whsec_";

    private static final String ALGORITHM = "HmacSHA256";

    /**
     * An HMAC-SHA256 whose provider is already chosen, copied for each signature: {@code Mac.getInstance} and the
     * provider lookup of its first {@code init} cost more than the signing itself. Never used itself, only cloned,
     * so threads share it safely; null if the provider's HMAC cannot be cloned, and then each signature gets its own
     * instance.
     */
    private static final Mac PROTOTYPE = prototype();

    private WebhookSignature() {}

    /** The {@code webhook-signature} header value for a message signed with every one of {@code secrets}. */
    public static String header(String messageId, long timestampSeconds, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook is signed with at least one secret");
        }
        byte[] signedPrefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (String secret : secrets) {
            Mac mac = mac(secret);
            mac.update(signedPrefix);
            mac.update(body);
            header.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal()));
        }
        return header.toString();
    }

    private static Mac mac(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            Mac mac = PROTOTYPE == null ? Mac.getInstance(ALGORITHM) : (Mac) PROTOTYPE.clone();
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Mac prototype() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            // init picks the provider; the key is replaced by each copy's own
            mac.init(new SecretKeySpec(new byte[32], ALGORITHM));
            mac.clone();
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException | CloneNotSupportedException e) {
            return null;
        }
    }
}
