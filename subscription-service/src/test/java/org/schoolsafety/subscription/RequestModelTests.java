package org.schoolsafety.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.schoolsafety.testing.input.TextFieldContract;

class RequestModelTests {

    private static final Set<Class<?>> BODIES = TextFieldContract.requestBodies("org.schoolsafety.subscription");

    @Test
    void everyRequestBodyIsCheckedAtTheDoor() {
        assertThat(BODIES)
                .extracting(Class::getSimpleName)
                .contains("NewOrganisation", "OrganisationChange", "NewEndpoint", "EndpointSettings", "Rotation");
    }

    @TestFactory
    Stream<DynamicTest> everyTextFieldRefusesWhatCannotBeStoredRenderedOrReplayed() {
        return TextFieldContract.everyTextField(BODIES.toArray(Class<?>[]::new));
    }
}
