package org.schoolsafety.localstack;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.schoolsafety.platform.mail.MailStreams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the local stack's messages end up, so a person can see what was delivered: a real SMTP server
 * (GreenMail) for email, and one HTTP server that stands in for the SMS provider (a Twilio-compatible
 * {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, answered 201 with a message {@code sid}; it
 * checks no credentials and sends no status callbacks) and for district webhook receivers ({@code POST /webhooks/...}). Read what arrived with {@code GET
 * /sink/emails}, {@code /sink/sms} and {@code /sink/webhooks}, or only how many with {@code GET /sink/counts}
 * (cheap enough to poll: benchmarks wait on it); {@code DELETE /sink} forgets it all. The sinks keep the last
 * {@value #KEEP} messages of each kind; the counts go on past that.
 *
 * <p>For fault drills a webhook receiver can be made to fail for a while: {@code PUT /sink/webhooks/failures} with
 * {@code {"path":"/webhooks/x","status":503,"count":2}} makes the next {@code count} requests to that path answer
 * {@code status} (they are still kept, each webhook request with the {@code status} it was answered);
 * {@code DELETE /sink/webhooks/failures} makes every receiver answer 204 again.
 *
 * <p>Longer than most classes: the SMS, webhook and read-back routes share one HTTP server and its bookkeeping.
 */
final class Sinks implements AutoCloseable {

    static final int KEEP = 10_000;

    static {
        // GreenMail parses every message it stores into MIME parts: without the provider named, it scans the class
        // path for one per part (its cost: docs/performance.md)
        MailStreams.name();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GreenMail smtp;
    private final HttpServer http;
    private final Deque<Map<String, Object>> sms = new ConcurrentLinkedDeque<>();
    private final Deque<Map<String, Object>> webhooks = new ConcurrentLinkedDeque<>();
    private final AtomicLong smsIds = new AtomicLong();
    private final AtomicLong smsReceived = new AtomicLong();
    private final AtomicLong webhooksReceived = new AtomicLong();
    /** Per webhook path, the failures still to answer. */
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /** A webhook path's next {@code remaining} requests answer {@code status}. */
    private record Failure(int status, int remaining) {}

    Sinks(int smtpPort, int httpPort) {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 64);
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException("could not open the HTTP sink on " + httpPort, e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/2010-04-01/Accounts/", this::takeSms);
        http.createContext("/webhooks/", this::takeWebhook);
        http.createContext("/sink", this::inspect);
        http.start();
    }

    private void takeSms(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.matches("/2010-04-01/Accounts/[^/]+/Messages\\.json")) {
            respond(exchange, 404, Map.of("title", "POST an SMS to /2010-04-01/Accounts/{sid}/Messages.json"));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, Map.of("title", "POST an SMS to /2010-04-01/Accounts/{sid}/Messages.json"));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String sid = "SM%032x".formatted(smsIds.incrementAndGet());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", sid);
        message.put("to", form.get("To"));
        message.put("from", form.getOrDefault("From", form.get("MessagingServiceSid")));
        message.put("body", form.get("Body"));
        message.put("receivedAt", Instant.now().toString());
        keep(sms, message);
        smsReceived.incrementAndGet();
        respond(exchange, 201, Map.of("sid", sid, "status", "queued"));
    }

    /** An {@code application/x-www-form-urlencoded} body; the first value of each name. */
    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private void takeWebhook(HttpExchange exchange) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("receivedAt", Instant.now().toString());
        request.put("method", exchange.getRequestMethod());
        request.put("path", exchange.getRequestURI().getPath());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        request.put("headers", headers);
        request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int status = status(exchange.getRequestURI().getPath());
        request.put("status", status);
        keep(webhooks, request);
        webhooksReceived.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** 204, or the status of a failure set for {@code path} (counting it down). */
    private int status(String path) {
        int[] status = {204};
        failures.computeIfPresent(path, (p, failure) -> {
            status[0] = failure.status();
            return failure.remaining() > 1 ? new Failure(failure.status(), failure.remaining() - 1) : null;
        });
        return status[0];
    }

    /** {@code PUT /sink/webhooks/failures} {@code {"path":"/webhooks/x","status":503,"count":2}}. */
    private void setFailures(HttpExchange exchange) throws IOException {
        String usage = "PUT {\"path\":\"/webhooks/...\",\"status\":400-599,\"count\":1 or more}";
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException unreadable) {
            respond(exchange, 400, Map.of("title", usage));
            return;
        }
        String path = body.path("path").asString("");
        int status = body.path("status").asInt(0);
        int count = body.path("count").asInt(0);
        if (!path.startsWith("/webhooks/") || status < 400 || status > 599 || count < 1) {
            respond(exchange, 400, Map.of("title", usage));
            return;
        }
        failures.put(path, new Failure(status, count));
        respond(exchange, 200, Map.of("path", path, "status", status, "count", count));
    }

    private void inspect(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("DELETE") && path.equals("/sink")) {
            sms.clear();
            webhooks.clear();
            smsReceived.set(0);
            webhooksReceived.set(0);
            try {
                smtp.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                respond(exchange, 500, Map.of("title", "could not clear the mailboxes"));
                return;
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (path.equals("/sink/webhooks/failures")) {
            switch (exchange.getRequestMethod()) {
                case "PUT" -> setFailures(exchange);
                case "DELETE" -> {
                    failures.clear();
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
                default -> respond(exchange, 405, Map.of("title", "PUT or DELETE /sink/webhooks/failures"));
            }
            return;
        }
        switch (path) {
            case "/sink/sms" -> respond(exchange, 200, List.copyOf(sms));
            case "/sink/webhooks" -> respond(exchange, 200, List.copyOf(webhooks));
            case "/sink/emails" -> respond(exchange, 200, emails());
            case "/sink/counts" -> respond(exchange, 200, counts());
            default ->
                respond(exchange, 404, Map.of("title", "try /sink/emails, /sink/sms, /sink/webhooks or /sink/counts"));
        }
    }

    private List<Map<String, Object>> emails() {
        List<Map<String, Object>> emails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                Map<String, Object> email = new LinkedHashMap<>();
                email.put("from", addresses(message.getFrom()));
                email.put("to", addresses(message.getAllRecipients()));
                email.put("subject", message.getSubject());
                email.put("listUnsubscribe", message.getHeader("List-Unsubscribe", ","));
                email.put("listUnsubscribePost", message.getHeader("List-Unsubscribe-Post", ","));
                email.put("body", GreenMailUtil.getBody(message));
                emails.add(email);
            } catch (MessagingException e) {
                emails.add(Map.of("error", "unreadable message: " + e.getMessage()));
            }
        }
        return emails;
    }

    /**
     * How many messages arrived since the start or the last {@code DELETE /sink}: emails as the mailboxes hold them
     * (one per recipient; counted without copying a message, unlike {@code getReceivedMessages()}), SMS and
     * webhooks as they were taken.
     */
    private Map<String, Object> counts() {
        long emails = 0;
        try {
            for (MailFolder folder :
                    smtp.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                emails += folder.getMessageCount();
            }
        } catch (FolderException e) {
            emails = -1;
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("emails", emails);
        counts.put("sms", smsReceived.get());
        counts.put("webhooks", webhooksReceived.get());
        return counts;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static void keep(Deque<Map<String, Object>> deque, Map<String, Object> item) {
        deque.addLast(item);
        while (deque.size() > KEEP) {
            deque.pollFirst();
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
