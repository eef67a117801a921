package org.schoolsafety.bulletin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.schoolsafety.bulletin.BulletinRefusal;

/** What a training must be: each wrong field refused by name, the rest kept as sent. */
class TrainingRequestTests {

    private static final Instant NOW = Instant.parse("2026-12-08T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-15T15:00:00Z");
    private static final Instant END = Instant.parse("2026-12-15T17:00:00Z");

    private static TrainingRequest request(
            String title, Instant startsAt, Instant endsAt, String place, String online, String registration) {
        return new TrainingRequest(
                title, "Bring a laptop.\nLunch provided.", startsAt, endsAt, place, online, registration);
    }

    private static void refused(TrainingRequest request, String field) {
        assertThatThrownBy(() -> request.toTraining("trn-1", NOW))
                .isInstanceOfSatisfying(
                        BulletinRefusal.Rejected.class,
                        r -> assertThat(r.field()).isEqualTo(field));
    }

    @Test
    void aTrainingOnlineOnlyIsKeptAsSent() {
        Training training = request(" Tabletop ", START, END, null, "https://meet.example.org/t", null)
                .toTraining("trn-1", NOW);

        assertThat(training.title()).isEqualTo("Tabletop");
        assertThat(training.description()).isEqualTo("Bring a laptop.\nLunch provided.");
        assertThat(training.place()).isNull();
        assertThat(training.onlineUrl()).isEqualTo("https://meet.example.org/t");
        assertThat(training.changedAt()).isEqualTo(NOW);
    }

    @Test
    void eachWrongFieldIsNamed() {
        refused(request(null, START, END, "Columbia", null, null), "title");
        refused(request("x".repeat(TrainingRequest.MAX_TITLE + 1), START, END, "Columbia", null, null), "title");
        refused(request("T\u0007", START, END, "Columbia", null, null), "title");
        refused(request("T", null, END, "Columbia", null, null), "startsAt");
        refused(request("T", START, null, "Columbia", null, null), "endsAt");
        refused(request("T", END, START, "Columbia", null, null), "endsAt");
        refused(request("T", START, START, "Columbia", null, null), "endsAt");
        refused(request("T", START, END, null, null, null), "place");
        refused(request("T", START, END, "Line\nbreak", null, null), "place");
        refused(request("T", START, END, null, "http://meet.example.org", null), "onlineUrl");
        refused(request("T", START, END, null, "data:text/html,hi", null), "onlineUrl");
        refused(request("T", START, END, "Columbia", null, "https://"), "registrationUrl");
        refused(request("T", START, END, "Columbia", null, "javascript:alert(1)"), "registrationUrl");
    }

    @Test
    void aTrainingBecomesTheItemABulletinCarries() {
        Training training = request("T", START, END, "Columbia", null, "https://example.org/r")
                .toTraining("trn-9", NOW);

        assertThat(training.asBulletinTraining().trainingId()).isEqualTo("trn-9");
        assertThat(training.asBulletinTraining().registrationUrl()).isEqualTo("https://example.org/r");
    }
}
