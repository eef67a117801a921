package org.schoolsafety.subscription;

import org.schoolsafety.platform.security.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers each {@link Refusal} as the platform's problem detail for it (status, title, type, detail, and the
 * field in {@code errors}). Ordered before the platform's {@code ProblemAdvice}, whose catch-all would otherwise
 * answer a refusal with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalAdvice {

    @ExceptionHandler
    ErrorResponse refused(Refusal refusal) {
        return switch (refusal) {
            case Refusal.NotFound notFound -> ApiProblem.notFound(notFound.detail());
            case Refusal.NotAllowed notAllowed -> ApiProblem.forbidden(notAllowed.detail());
            case Refusal.Invalid invalid -> ApiProblem.invalid(invalid.field(), invalid.detail());
            case Refusal.Conflict conflict -> ApiProblem.conflict(conflict.field(), conflict.detail());
            case Refusal.Gone gone -> ApiProblem.gone(gone.detail());
            case Refusal.NotConfirmed notConfirmed -> ApiProblem.unavailable(notConfirmed.detail());
        };
    }
}
