package org.schoolsafety.platform.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text field that keeps the platform's {@link TextRule}: put it on every text component of a request model
 * (and on the element type of a list of text), with the field's length. A violation is a 400 problem detail
 * naming the field and the rule.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {

    /** The most characters (code points) the field holds. */
    int max();

    /** Whether tab and line breaks are allowed (descriptions, instructions, notes). */
    boolean multiline() default false;

    String message() default "Not text the platform accepts.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
