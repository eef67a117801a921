package org.schoolsafety.delivery.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.delivery.Attempt;
import org.schoolsafety.delivery.settings.SmsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one SMS through a Twilio-compatible messages API: {@code POST
 * {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json}, HTTP Basic authentication with the account and its
 * token, form fields {@code To}, {@code From} (or {@code MessagingServiceSid}), {@code Body} and
 * {@code StatusCallback}. What the provider answers becomes an {@link Attempt}:
 * <ul>
 *   <li>2xx with a message id ({@code sid}): succeeded, the id is the reference;
 *   <li>429: retry, after the provider's {@code Retry-After}; 5xx, timeouts and connection failures: retry;
 *   <li>401, 403, 404 and the error codes of our own configuration (sender, account): retry, since an operator can
 *       mend it and the alert must then still go out; logged as an ERROR, without the token;
 *   <li>any other 4xx (the error codes of a number that is invalid, not a mobile, unsubscribed by STOP, or in a
 *       region not enabled): permanent, {@code SMS provider <code>}; the first three also disable the endpoint.
 * </ul>
 * No automatic retries, no redirects, connect and total timeouts ({@code ssn.delivery.sms.connect-timeout},
 * {@code total-timeout}, at most 15 s). Neither the number nor the body is ever logged.
 */
@Component
class SmsProviderClient {

    private static final Logger log = LoggerFactory.getLogger(SmsProviderClient.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Twilio error codes that say the number itself cannot get our messages: 21211 not a valid number, 21614 not a
     * mobile number, 21610 the recipient opted out at the provider (it refuses every message to it). The endpoint is
     * disabled until it is verified again.
     */
    private static final Set<String> UNUSABLE_NUMBER = Set.of("21211", "21614", "21610");

    /**
     * Twilio error codes that say our account or sender is wrong, not the recipient: 20003 authentication, 20404
     * no such account or resource, 21212 and 21606 an invalid or not SMS-capable {@code From}, 21659 a
     * {@code From} that is not the account's.
     */
    static final Set<String> OUR_CONFIGURATION = Set.of("20003", "20404", "21212", "21606", "21659");

    private final SmsSettings properties;
    private final HttpClient http;

    SmsProviderClient(SmsSettings properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** One call to the provider; never throws for what the provider or the network does. */
    public Attempt send(String to, String body, String statusCallback) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        if (properties.messagingServiceSid() != null
                && !properties.messagingServiceSid().isBlank()) {
            form.put("MessagingServiceSid", properties.messagingServiceSid());
        } else {
            form.put("From", properties.from());
        }
        form.put("Body", body);
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback);
        }
        HttpRequest request = HttpRequest.newBuilder(messagesUri())
                .timeout(properties.totalTimeout())
                .header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .header("User-Agent", "school-safety-alert-network-sms/1")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // the request timeout ends waiting for the headers; this ends a body dribbled out too
            response = call.get(properties.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return noAnswer();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.retry("interrupted", null, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return cause.getClass().getSimpleName().contains("Connect")
                        ? Attempt.retry("SMS provider unreachable: connect timeout", null, false)
                        : noAnswer();
            }
            if (cause instanceof ConnectException || cause instanceof IOException) {
                return Attempt.retry(
                        "SMS provider unreachable: " + cause.getClass().getSimpleName(), null, false);
            }
            return Attempt.retry("SMS provider call failed: " + cause.getClass().getSimpleName(), null, false);
        }
        return answer(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** What an answer of the provider means. */
    Attempt answer(int status, byte[] body, String retryAfter) {
        JsonNode json = json(body);
        if (status >= 200 && status < 300) {
            String sid = text(json, "sid");
            if (sid == null) {
                log.warn("SMS provider accepted a message (HTTP {}) without a message id; no receipts for it", status);
                return Attempt.succeeded("HTTP " + status);
            }
            return Attempt.succeeded(sid);
        }
        String code = text(json, "code");
        if (status == 429) {
            return Attempt.retry("SMS provider 429", retryAfter(retryAfter), true);
        }
        if (status >= 500) {
            return Attempt.retry("SMS provider HTTP " + status, retryAfter(retryAfter), true);
        }
        if (status == 401 || status == 403 || status == 404 || (code != null && OUR_CONFIGURATION.contains(code))) {
            log.error(
                    "SMS provider refused our request (HTTP {}, code {}): check ssn.delivery.sms.base-url, account-sid,"
                            + " auth-token and the sender; SMS deliveries are retried until it is mended",
                    status,
                    code == null ? "none" : code);
            return Attempt.retry("SMS provider " + (code == null ? "HTTP " + status : code), null, true);
        }
        String reason = "SMS provider " + (code == null ? "HTTP " + status : code);
        return code != null && UNUSABLE_NUMBER.contains(code)
                ? Attempt.unusable(reason)
                : Attempt.permanent(reason, true);
    }

    private Attempt noAnswer() {
        return Attempt.retry(
                "no answer from the SMS provider within "
                        + properties.totalTimeout().toSeconds() + " s",
                null,
                false);
    }

    private URI messagesUri() {
        String base = properties.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/2010-04-01/Accounts/"
                + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
    }

    private String basic() {
        String credentials = properties.accountSid() + ":" + properties.authToken();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : null;
        return text == null || text.isBlank() ? null : text;
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        Instant.now(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
