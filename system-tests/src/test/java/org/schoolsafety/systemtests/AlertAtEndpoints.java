package org.schoolsafety.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * One alert's messages as an organisation's JSON webhook, email address and SMS number received them, read from
 * the sinks. A message is told apart by its notification id (webhooks) or its subject (email and SMS).
 *
 * @param page the alert's public page, which its text links to
 */
record AlertAtEndpoints(
        Delivered delivered,
        String page,
        EndpointKeeper.Endpoint hook,
        EndpointKeeper.Endpoint email,
        EndpointKeeper.Endpoint sms) {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);

    /**
     * The message reached each endpoint, once: a JSON event whose Standard Webhooks signature verifies under the
     * webhook's secret, an email with {@code subject}, and an SMS of the subject and the number's own
     * acknowledgement link.
     */
    void reached(String notificationId, String subject) throws Exception {
        List<JsonNode> requests = delivered.awaitWebhooks(
                "the webhook of " + notificationId, webhookOf(notificationId), DELIVERED_WITHIN);
        assertThat(requests).hasSize(1);
        JsonNode request = requests.getFirst();
        Delivered.verifySignature(request, hook.secret());
        assertThat(request.path("headers").path("content-type").asString()).startsWith("application/json");
        JsonNode event = Delivered.jsonBody(request);
        assertThat(event.path("type").asString()).isEqualTo("alert.urgent");
        assertThat(event.path("data").path("subject").asString()).isEqualTo(subject);
        assertThat(event.path("data").path("text").asString()).contains("THIS IS AN EXERCISE", page);

        List<JsonNode> emails =
                delivered.awaitEmails("the email of " + notificationId, emailOf(subject), DELIVERED_WITHIN);
        assertThat(emails).hasSize(1);
        assertThat(emails.getFirst().path("body").asString()).contains("THIS IS AN EXERCISE", page);

        assertThat(delivered.awaitSms("the SMS of " + notificationId, smsOf(subject), DELIVERED_WITHIN))
                .hasSize(1);
    }

    /** Still once at each endpoint, read again later (after the next message came through). */
    void reachedOnlyOnce(String notificationId, String subject) throws Exception {
        assertThat(delivered.webhooks()).filteredOn(webhookOf(notificationId)).hasSize(1);
        assertThat(delivered.emails()).filteredOn(emailOf(subject)).hasSize(1);
        assertThat(delivered.sms()).filteredOn(smsOf(subject)).hasSize(1);
    }

    private Predicate<JsonNode> webhookOf(String notificationId) {
        String path = URI.create(hook.address()).getPath();
        return request -> request.path("path").asString().equals(path)
                && Delivered.jsonBody(request)
                        .path("data")
                        .path("notificationId")
                        .asString()
                        .equals(notificationId);
    }

    private Predicate<JsonNode> emailOf(String subject) {
        return mail -> Delivered.sentTo(mail, email.address())
                && mail.path("subject").asString().equals(subject);
    }

    private Predicate<JsonNode> smsOf(String subject) {
        return text -> text.path("to").asString().equals(sms.address())
                && text.path("body")
                        .asString()
                        .startsWith(subject + " Acknowledge: " + page.substring(0, page.indexOf("/public/alerts/"))
                                + "/public/acknowledgements/");
    }
}
