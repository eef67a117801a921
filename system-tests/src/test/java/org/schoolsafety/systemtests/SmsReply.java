package org.schoolsafety.systemtests;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A reply to an SMS as a Twilio-compatible provider posts it to the gateway's {@code /public/sms/inbound}: a form,
 * signed with the account's auth token in {@code X-Twilio-Signature}.
 */
final class SmsReply {

    /** The auth token local-stack gives delivery-service for its stand-in provider. */
    static final String PROVIDER_TOKEN = "local-stack-token";

    /** The number local-stack's delivery-service sends from. */
    static final String PROVIDER_NUMBER = "+15005550006";

    private SmsReply() {}

    /** The form the provider posts for {@code body} from {@code from}, as message {@code messageSid}. */
    static SortedMap<String, String> form(String from, String body, String messageSid) {
        return new TreeMap<>(Map.of("From", from, "To", PROVIDER_NUMBER, "Body", body, "MessageSid", messageSid));
    }

    /** The provider's POST of {@code form} to {@code url}, signed with {@code token}. */
    static HttpRequest request(String url, SortedMap<String, String> form, String token) throws Exception {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(token, url, form))
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build();
    }

    /** Twilio's request signature: base64 HMAC-SHA1, under the auth token, of the URL and the sorted parameters. */
    static String signature(String token, String url, SortedMap<String, String> form) throws Exception {
        StringBuilder signed = new StringBuilder(url);
        form.forEach((name, value) -> signed.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
