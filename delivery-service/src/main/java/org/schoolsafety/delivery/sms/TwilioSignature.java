package org.schoolsafety.delivery.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), the provider's proof that a callback comes from it:
 * the base64 HMAC-SHA1, keyed by the account's auth token, of the full URL the provider called followed by every
 * POST parameter, sorted by name, each as its name and its value concatenated (a name with several values: each
 * value, sorted, after the name). Checked against the URL we configured, never against a {@code Host} header an
 * attacker chooses.
 */
final class TwilioSignature {

    /** The header that carries it. */
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {}

    /** The signature of a request to {@code url} with these form parameters. */
    public static String compute(String authToken, String url, Map<String, String[]> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, values) -> {
            String[] sorted = values.clone();
            Arrays.sort(sorted);
            for (String value : sorted) {
                data.append(name).append(value);
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is the one for this request; compared in constant time. */
    public static boolean valid(String authToken, String url, Map<String, String[]> parameters, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] expected = compute(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
