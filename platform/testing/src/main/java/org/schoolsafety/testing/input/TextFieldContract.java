package org.schoolsafety.testing.input;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.schoolsafety.platform.text.Text;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generates, for every text field of a service's request models, the tests that the platform's text rule holds
 * there: a lone surrogate, NUL, a control character, a bidirectional override and one character over the limit
 * are each refused, naming that field. A text field without {@code @Text} is a failing test of its own, so a
 * field added later cannot slip past the rule.
 */
public final class TextFieldContract {

    /** What each generated test sends, by name; the last is made from the field's own limit. */
    static final Map<String, String> HOSTILE = new java.util.LinkedHashMap<>();

    static {
        HOSTILE.put("a lone surrogate", "a\ud800b");
        HOSTILE.put("NUL", "a\u0000b");
        HOSTILE.put("a control character", "a\u001Bb");
        HOSTILE.put("a bidirectional override", "a\u202Eb");
    }

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    private TextFieldContract() {}

    /** Tests for every text field reachable from these request models (records, nested records, lists). */
    public static Stream<DynamicTest> everyTextField(Class<?>... models) {
        Validator validator = FACTORY.getValidator();
        List<DynamicTest> tests = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Class<?> model : models) {
            walk(model, validator, tests, seen);
        }
        assertThat(tests).as("text fields found in " + List.of(models)).isNotEmpty();
        return tests.stream();
    }

    /**
     * The record types that the {@code @RestController}s under {@code basePackage} take as a request body; each
     * must be marked {@code @Valid}, so that Spring checks it before the controller runs.
     */
    public static Set<Class<?>> requestBodies(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<Class<?>> bodies = new LinkedHashSet<>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> controller = load(candidate.getBeanClassName());
            for (Method method : controller.getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)
                            && parameter.getType().isRecord()) {
                        assertThat(parameter.isAnnotationPresent(Valid.class))
                                .as(controller.getSimpleName() + "." + method.getName() + " checks its body (@Valid)")
                                .isTrue();
                        bodies.add(parameter.getType());
                    }
                }
            }
        }
        return bodies;
    }

    private static void walk(Class<?> model, Validator validator, List<DynamicTest> tests, Set<Class<?>> seen) {
        if (!model.isRecord() || !seen.add(model)) {
            return;
        }
        for (RecordComponent component : model.getRecordComponents()) {
            Field field = field(model, component.getName());
            if (component.getType() == String.class) {
                textField(tests, validator, model, component.getName(), field.getAnnotation(Text.class), false);
            } else if (List.class.isAssignableFrom(component.getType())) {
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                if (element == String.class) {
                    AnnotatedType annotated = ((AnnotatedParameterizedType) field.getAnnotatedType())
                            .getAnnotatedActualTypeArguments()[0];
                    textField(tests, validator, model, component.getName(), annotated.getAnnotation(Text.class), true);
                } else if (element instanceof Class<?> type) {
                    walk(type, validator, tests, seen);
                }
            } else if (component.getType().isRecord()) {
                walk(component.getType(), validator, tests, seen);
            }
        }
    }

    /** The tests of one text field, or of the items of a list of text ({@code items}): a failing one without @Text. */
    private static void textField(
            List<DynamicTest> tests, Validator validator, Class<?> model, String property, Text text, boolean items) {
        String name = model.getSimpleName() + "." + property;
        if (text == null) {
            String what = items ? " holds text without the platform's rule" : " is text without the platform's rule";
            tests.add(DynamicTest.dynamicTest(
                    name + " has a @Text limit" + (items ? " on its items" : ""),
                    () -> assertThat(text).as(name + what).isNotNull()));
            return;
        }
        hostile(text)
                .forEach((what, value) -> tests.add(DynamicTest.dynamicTest(
                        name + (items ? " refuses an item with " : " refuses ") + what,
                        () -> assertRefused(validator, model, property, items ? List.of("ok", value) : value))));
    }

    private static Map<String, String> hostile(Text text) {
        Map<String, String> values = new java.util.LinkedHashMap<>(HOSTILE);
        values.put("one character over its limit of " + text.max(), "x".repeat(text.max() + 1));
        if (!text.multiline()) {
            values.put("a line break", "a\nb");
        }
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertRefused(Validator validator, Class<?> model, String property, Object value) {
        Set<ConstraintViolation<?>> violations = (Set) validator.validateValue((Class) model, property, value);
        assertThat(violations)
                .as(model.getSimpleName() + "." + property + " refuses " + value)
                .isNotEmpty();
        assertThat(violations)
                .allSatisfy(v -> assertThat(v.getPropertyPath().toString()).startsWith(property));
    }

    private static Field field(Class<?> model, String name) {
        try {
            return model.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(model + " has no field " + name, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
