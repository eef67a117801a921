package org.schoolsafety.delivery.replay;

import org.schoolsafety.platform.security.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * delivery-service's domain refusals as RFC 9457 problem details, the platform's ({@link ApiProblem}). Ahead of the
 * platform's advice, whose catch-all would otherwise answer them with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReplayProblems {

    @ExceptionHandler(ReplayRefused.class)
    ErrorResponse refused(ReplayRefused refused) {
        return switch (refused) {
            case ReplayRefused.NothingToReplay none -> ApiProblem.notFound(none.getMessage());
            case ReplayRefused.NotAllowed denied -> ApiProblem.forbidden(denied.getMessage());
            case ReplayRefused.Invalid invalid -> ApiProblem.invalid(invalid.field(), invalid.getMessage());
            case ReplayRefused.NotQueued notQueued -> ApiProblem.unavailable(notQueued.getMessage());
        };
    }
}
