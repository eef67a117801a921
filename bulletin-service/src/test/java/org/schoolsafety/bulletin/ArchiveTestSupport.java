package org.schoolsafety.bulletin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.kafka.core.KafkaTemplate;

/** What the archive and training tests share: bulletins as publication would put them on the topic, and HTTP calls. */
final class ArchiveTestSupport {

    static final String STATE = "org-state";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ArchiveTestSupport() {}

    static String token(String... roles) {
        return TestIssuer.shared().token(STATE, roles);
    }

    /** A bulletin revision with one section whose HTML publication rendered and sanitised. */
    static BulletinPublished bulletin(
            String id, LocalDate week, String title, Tlp tlp, int revision, Instant at, String correction) {
        return new BulletinPublished(
                id,
                week,
                title,
                "Summary of " + title,
                at,
                revision,
                tlp,
                List.of(new BulletinSection(
                        "this-week",
                        "This week",
                        "Check the *door locks* of " + title,
                        "<p>Check the <em>door locks</em> of "
                                + org.springframework.web.util.HtmlUtils.htmlEscape(title) + "</p>")),
                List.of(new BulletinTraining(
                        "trn-1",
                        "Reunification drill",
                        at.plus(Duration.ofDays(7)),
                        at.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)),
                        "Jefferson City",
                        null,
                        "https://training.example.org/register")),
                List.of(new BulletinLink("Door-lock guide", "https://example.org/locks")),
                correction);
    }

    /** Puts records on {@code bulletins} as publication does, in a transaction when the template is transactional. */
    static void publish(KafkaTemplate<String, Object> template, BulletinPublished... bulletins) {
        EventPublisher events = new EventPublisher(template);
        Runnable send = () -> {
            for (BulletinPublished bulletin : bulletins) {
                events.publish(Topics.BULLETINS, bulletin.bulletinId(), bulletin);
            }
        };
        if (template.isTransactional()) {
            template.executeInTransaction(operations -> {
                send.run();
                return null;
            });
        } else {
            send.run();
            template.flush();
        }
    }

    static HttpResponse<String> call(int port, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
