package org.schoolsafety.bulletin;

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

    @ExceptionHandler(BulletinRefusal.class)
    ResponseEntity<ProblemDetail> refused(BulletinRefusal refusal) {
        ApiProblem problem = problem(refusal);
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .body(problem.getBody());
    }

    static ApiProblem problem(BulletinRefusal refusal) {
        return switch (refusal) {
            case BulletinRefusal.Rejected r -> ApiProblem.invalid(r.field(), r.detail());
            case BulletinRefusal.NotFound r -> ApiProblem.notFound(r.detail());
            case BulletinRefusal.Conflict r -> ApiProblem.conflict(r.field(), r.detail());
            case BulletinRefusal.Stale r -> ApiProblem.preconditionFailed(r.detail());
            case BulletinRefusal.VersionRequired r -> ApiProblem.preconditionRequired(r.detail());
            case BulletinRefusal.TooLarge r -> ApiProblem.tooLarge(r.field(), r.detail());
            case BulletinRefusal.Unavailable r -> ApiProblem.unavailable(r.detail());
        };
    }
}
