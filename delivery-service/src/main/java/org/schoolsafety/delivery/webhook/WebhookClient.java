package org.schoolsafety.delivery.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.schoolsafety.delivery.settings.WebhookSettings;
import org.schoolsafety.platform.security.WebhookTargets;
import org.springframework.stereotype.Component;

/**
 * POSTs to district webhooks ({@code ssn.delivery.webhooks.*}), and nothing else: addresses checked and pinned by {@link GuardedDnsResolver}, no
 * redirects followed (a 3xx is an answer, not an instruction), no automatic retries (retrying is the delivery's
 * business), at most {@code maxPerHost} connections to one host (a call waits {@code connectionWait} for one at
 * most), the response body read up to a cap,
 * and every call abandoned after {@code totalTimeout} however the receiver dribbles its answer.
 */
@Component
class WebhookClient implements AutoCloseable {

    /**
     * What came of a call.
     *
     * @param status the HTTP status, or 0 when there was no answer
     * @param retryAfter the receiver's {@code Retry-After}, or {@code null}
     * @param failure why there was no answer, or {@code null}
     * @param blocked the address was refused before any connection (permanent until the endpoint changes)
     */
    record Result(int status, Duration retryAfter, String failure, boolean blocked) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient http;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());
    private final WebhookSettings properties;

    WebhookClient(WebhookTargets targets, WebhookSettings properties) {
        this.properties = properties;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(targets.allowedHosts()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.totalTimeout()))
                        .build())
                .setMaxConnPerRoute(properties.maxPerHost())
                .setMaxConnTotal(Math.max(512, properties.maxPerHost()))
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("school-safety-alert-network-webhooks/1")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectionWait()))
                        .setResponseTimeout(Timeout.of(properties.totalTimeout()))
                        .build())
                .build();
    }

    /** POSTs a JSON or XML body with these headers; never throws for what the receiver or the network does. */
    Result post(String url, Map<String, String> headers, byte[] body, ContentType contentType) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, contentType));
        ScheduledFuture<?> deadline =
                deadlines.schedule(post::cancel, properties.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(post, response -> {
                drain(response.getEntity());
                return new Result(response.getCode(), retryAfter(response), null, false);
            });
        } catch (GuardedDnsResolver.BlockedAddressException e) {
            return new Result(0, null, "blocked address", true);
        } catch (UnknownHostException e) {
            return new Result(0, null, "host does not resolve", false);
        } catch (IOException e) {
            return new Result(
                    0,
                    null,
                    post.isCancelled()
                            ? "no answer within " + properties.totalTimeout().toSeconds() + " s"
                            : "connection failed: " + e.getClass().getSimpleName(),
                    false);
        } finally {
            deadline.cancel(false);
        }
    }

    private void drain(HttpEntity entity) throws IOException {
        if (entity != null) {
            try (InputStream body = entity.getContent()) {
                body.readNBytes(properties.maxResponseBytes());
            }
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
        connections.close();
    }
}
