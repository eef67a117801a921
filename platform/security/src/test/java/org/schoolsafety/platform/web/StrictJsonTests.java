package org.schoolsafety.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTests {

    enum Kind {
        SCHOOL,
        DISTRICT
    }

    record Body(String id, Integer limit, Boolean closed, Instant since, Kind kind) {}

    private final JsonMapper json = mapper();

    private static JsonMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJson().customize(builder);
        return builder.build();
    }

    private Body read(String body) {
        return json.readValue(body, Body.class);
    }

    @Test
    void wellTypedValuesAreRead() {
        Body body = read("""
                {"id":"mo-school-x","limit":20,"closed":true,"since":"2026-12-07T18:00:00Z","kind":"SCHOOL"}""");
        assertThat(body)
                .isEqualTo(new Body("mo-school-x", 20, true, Instant.parse("2026-12-07T18:00:00Z"), Kind.SCHOOL));
        assertThat(read("{\"since\":\"2026-12-07T12:00:00-06:00\"}").since())
                .isEqualTo(Instant.parse("2026-12-07T18:00:00Z"));
        assertThat(read("{\"since\":1765130400}").since()).isEqualTo(Instant.ofEpochSecond(1765130400));
    }

    @Test
    void aNumberOrBooleanIsNotText() {
        assertRefused("{\"id\":true}", "id");
        assertRefused("{\"id\":12}", "id");
        assertRefused("{\"id\":1.5}", "id");
    }

    @Test
    void aFractionOrTextIsNotAWholeNumber() {
        assertRefused("{\"limit\":1.5}", "limit");
        assertRefused("{\"limit\":\"20\"}", "limit");
        assertRefused("{\"limit\":1e300}", "limit");
    }

    @Test
    void aNumberOrTextIsNotABoolean() {
        assertRefused("{\"closed\":1}", "closed");
        assertRefused("{\"closed\":\"true\"}", "closed");
    }

    @Test
    void aNumberIsNotAKind() {
        assertRefused("{\"kind\":0}", "kind");
    }

    @Test
    void timesOutsideTheYears1970To9999AreRefusedNot1970() {
        assertRefused("{\"since\":1e300}", "since");
        assertRefused("{\"since\":-1}", "since");
        assertRefused("{\"since\":1.5}", "since");
        assertRefused("{\"since\":\"+100000-01-01T00:00:00Z\"}", "since");
        assertRefused("{\"since\":\"yesterday\"}", "since");
        assertRefused("{\"since\":\"2026-12-07T18:00:00\"}", "since");
        assertThat(read("{\"since\":\"9999-12-31T23:59:59Z\"}").since().truncatedTo(ChronoUnit.DAYS))
                .isEqualTo(Instant.parse("9999-12-31T00:00:00Z"));
    }

    private void assertRefused(String body, String field) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(JacksonException.class)
                .satisfies(
                        e -> assertThat(JsonFields.path((JacksonException) e)).isEqualTo(field));
    }
}
