package org.schoolsafety.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.schoolsafety.platform.security.ApiProblem;

/**
 * Checks a request model that a controller read itself (to keep the body's text, say) the way Spring checks a
 * {@code @Valid @RequestBody}: every violated constraint is a 400 problem detail naming the field.
 */
public final class RequestModels {

    private final Validator validator;

    public RequestModels(Validator validator) {
        this.validator = validator;
    }

    /** {@code model} itself, when every constraint on it holds; otherwise an {@link ApiProblem} (400). */
    public <T> T valid(T model) {
        Set<ConstraintViolation<T>> violations = validator.validate(model);
        if (violations.isEmpty()) {
            return model;
        }
        throw ApiProblem.invalid(fields(violations, UnaryOperator.identity()));
    }

    /** Each violated field's first message, fields in order of their path, named as {@code naming} says. */
    static LinkedHashMap<String, String> fields(
            Collection<? extends ConstraintViolation<?>> violations, UnaryOperator<String> naming) {
        LinkedHashMap<String, String> details = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v ->
                        details.putIfAbsent(naming.apply(v.getPropertyPath().toString()), v.getMessage()));
        return details;
    }
}
