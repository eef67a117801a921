package org.schoolsafety.alert;

import org.schoolsafety.platform.security.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where the service's refusals become RFC 9457 problem details, built by {@link ApiProblem} so
 * that status, type, title, detail and field names are those of every other service. Ordered before the
 * platform's catch-all advice, which would otherwise answer them with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalAdvice {

    @ExceptionHandler(AlertRefusal.class)
    ResponseEntity<ProblemDetail> refused(AlertRefusal refusal) {
        ApiProblem problem = problem(refusal);
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .body(problem.getBody());
    }

    static ApiProblem problem(AlertRefusal refusal) {
        return switch (refusal) {
            case AlertRejected r -> ApiProblem.invalid(r.field(), r.detail());
            case AlertNotFound r -> ApiProblem.notFound(r.detail());
            case AlertForbidden r -> ApiProblem.forbidden(r.detail());
            case AlertConflict r -> ApiProblem.conflict(r.field(), r.detail());
            case AlertUnprocessable r -> ApiProblem.unprocessable(r.field(), r.detail());
            case AlertUnavailable r -> ApiProblem.unavailable(r.detail());
        };
    }
}
