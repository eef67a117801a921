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
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";

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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
