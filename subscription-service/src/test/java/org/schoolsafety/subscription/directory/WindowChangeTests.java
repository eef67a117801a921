package org.schoolsafety.subscription.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.subscription.Refusal;
import tools.jackson.databind.json.JsonMapper;

/** A delivery window as the organisation API reads it: set, back to the default, left out, or refused by field. */
class WindowChangeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aWindowLeftOutStaysAndNullGoesBackToTheDefault() {
        OrganisationController.OrganisationChange leftOut =
                JSON.readValue("{\"name\":\"Rock Bridge\"}", OrganisationController.OrganisationChange.class);
        assertThat(WindowChange.from(leftOut.deliveryWindow())).isNull();

        OrganisationController.OrganisationChange reset =
                JSON.readValue("{\"deliveryWindow\":null}", OrganisationController.OrganisationChange.class);
        assertThat(WindowChange.from(reset.deliveryWindow())).isEqualTo(new WindowChange(null));

        OrganisationController.OrganisationChange set = JSON.readValue(
                "{\"deliveryWindow\":{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"America/Chicago\"}}",
                OrganisationController.OrganisationChange.class);
        assertThat(WindowChange.from(set.deliveryWindow()))
                .isEqualTo(new WindowChange(
                        new DeliveryWindow(LocalTime.of(7, 0), LocalTime.of(18, 0), "America/Chicago")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"07:00-18:00\"                                                   | deliveryWindow",
                "{\"opens\":\"7:00\",\"closes\":\"18:00\",\"zone\":\"America/Chicago\"}  | deliveryWindow.opens",
                "{\"opens\":\"07:00\",\"closes\":\"24:00\",\"zone\":\"America/Chicago\"} | deliveryWindow.closes",
                "{\"opens\":\"07:00\",\"closes\":18,\"zone\":\"America/Chicago\"}      | deliveryWindow.closes",
                "{\"closes\":\"18:00\",\"zone\":\"America/Chicago\"}                    | deliveryWindow.opens",
                "{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"Missouri/Columbia\"} | deliveryWindow.zone",
                "{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"+02:00\"}          | deliveryWindow.zone",
                "{\"opens\":\"07:00\",\"closes\":\"18:00\"}                             | deliveryWindow.zone",
                "{\"opens\":\"07:00\",\"closes\":\"18:00\",\"zone\":\"UTC\",\"open\":1}  | deliveryWindow.open",
            })
    void aWrongWindowIsRefusedNamingItsField(String json, String field) {
        assertThatThrownBy(() -> WindowChange.from(JSON.readTree(json)))
                .isInstanceOfSatisfying(
                        Refusal.Invalid.class,
                        refusal -> assertThat(refusal.field()).isEqualTo(field));
    }
}
