package org.schoolsafety.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON event a district's system receives: a bulletin's document as {@code data.content}, when it is JSON. */
class WebhookPayloadTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBulletinsJsonDocumentIsTheContentAsAnObject() {
        String document =
                "{\"bulletinId\":\"b-1\",\"links\":[{\"title\":\"Archive\",\"url\":\"https://x.example/b-1\"}]}";
        JsonNode event = JSON.readTree(WebhookPayload.json(bulletin(document, "Columbia Public Schools")));

        assertThat(event.get("type").asString()).isEqualTo("bulletin.weekly");
        assertThat(event.at("/data/content")).isEqualTo(JSON.readTree(document));
        assertThat(event.at("/data/content/links/0/url").asString()).isEqualTo("https://x.example/b-1");
    }

    @Test
    void aDocumentThatIsNotJsonIsLeftOutAndTheRestIsSent() {
        for (String broken : new String[] {"{\"bulletinId\":", "not json", "{\"a\":1} trailing"}) {
            JsonNode event = JSON.readTree(WebhookPayload.json(bulletin(broken, null)));

            assertThat(event.at("/data").has("content")).as(broken).isFalse();
            assertThat(event.at("/data/subject").asString()).as(broken).isEqualTo("This week at your school");
        }
    }

    @Test
    void withoutADocumentThereIsNoContent() {
        JsonNode event = JSON.readTree(WebhookPayload.json(bulletin(null, "Columbia Public Schools")));

        assertThat(event.at("/data").has("content")).isFalse();
        assertThat(event.at("/data/subject").asString()).isEqualTo("This week at Columbia Public Schools");
        assertThat(event.at("/data/text").asString()).isEqualTo("Dear Columbia Public Schools");
    }

    private static DeliveryRequested bulletin(String json, String organisationName) {
        return new DeliveryRequested(
                DeliveryIds.of("n-1", "ep-1"),
                "n-1",
                "ep-1",
                "mo-district-columbia-93",
                Channel.WEBHOOK,
                "https://district.example/hook",
                Lane.BULK,
                Feed.WEEKLY_BULLETIN,
                new Message(
                        "This week at " + Message.ORGANISATION_NAME,
                        "Dear " + Message.ORGANISATION_NAME,
                        null,
                        null,
                        null,
                        json),
                Instant.parse("2026-12-08T12:00:00Z"),
                organisationName,
                null);
    }
}
