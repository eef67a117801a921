package org.schoolsafety.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.schoolsafety.testing.input.TextFieldContract;

class RequestModelTests {

    /** The models AlertController reads itself (it keeps the body's text for idempotency) and checks. */
    private static final List<Class<?>> READ_BY_HAND = List.of(
            AlertDraft.class, AlertDraft.Info.class, AlertRequests.Cancel.class, AlertRequests.TemplateSend.class);

    @Test
    void everyRequestBodyIsCheckedAtTheDoor() {
        assertThat(TextFieldContract.requestBodies("org.schoolsafety.alert"))
                .extracting(Class::getSimpleName)
                .contains("ApiAcknowledgement");
    }

    @TestFactory
    Stream<DynamicTest> everyTextFieldRefusesWhatCannotBeStoredRenderedOrReplayed() {
        List<Class<?>> models = new ArrayList<>(READ_BY_HAND);
        models.addAll(TextFieldContract.requestBodies("org.schoolsafety.alert"));
        return TextFieldContract.everyTextField(models.toArray(Class<?>[]::new));
    }
}
