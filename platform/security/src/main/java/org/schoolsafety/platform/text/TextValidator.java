package org.schoolsafety.platform.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/** Checks a {@link Text} field against the {@link TextRule}, with the rule's own sentence as the message. */
public class TextValidator implements ConstraintValidator<Text, CharSequence> {

    private int max;
    private boolean multiline;

    @Override
    public void initialize(Text text) {
        max = text.max();
        multiline = text.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        Optional<String> violation = TextRule.violation(value == null ? null : value.toString(), max, multiline);
        if (violation.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // the sentence is ours, not the caller's: escape it so that no part of it is read as an expression
        context.buildConstraintViolationWithTemplate(
                        violation.get().replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
