package org.schoolsafety.platform.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the caller can act on, answered as an RFC 9457 problem detail. Input problems name the field in
 * an {@code errors} member ({@code [{"field": "...", "detail": "..."}]}) so that a form can show them where
 * they belong.
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String title, String detail, String field) {
        super(status, problem(status, title, detail, field), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://schoolsafety.example/problems/" + slug(title)));
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "detail", detail)));
        }
        return problem;
    }

    /** 400: a field of the request is missing or wrong. */
    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, field);
    }

    /** 400: several fields are wrong; {@code details} maps each field to what is wrong with it, in order. */
    public static ApiProblem invalid(java.util.SequencedMap<String, String> details) {
        if (details.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        Map.Entry<String, String> first = details.firstEntry();
        ApiProblem problem = new ApiProblem(
                HttpStatus.BAD_REQUEST, "Invalid request", first.getKey() + ": " + first.getValue(), null);
        problem.getBody()
                .setProperty(
                        "errors",
                        details.entrySet().stream()
                                .map(e -> Map.of("field", e.getKey(), "detail", e.getValue()))
                                .toList());
        return problem;
    }

    /** 404: nothing with this id exists. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, null);
    }

    /** 403: the caller's role or organisation does not reach this. */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    /** 409: the request fits, but not the current state. */
    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, field);
    }

    /** 422: well formed, but it cannot be done as asked (an idempotency key reused for another request). */
    public static ApiProblem unprocessable(String field, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", detail, field);
    }

    /** 412: the {@code If-Match} names a version that is no longer current (someone else changed it first). */
    public static ApiProblem preconditionFailed(String detail) {
        return new ApiProblem(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail, null);
    }

    /** 428: a change that could overwrite someone else's needs {@code If-Match} with the version it is based on. */
    public static ApiProblem preconditionRequired(String detail) {
        return new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "Precondition required", detail, null);
    }

    /** 413: the request, or a field of it, is larger than the service takes. */
    public static ApiProblem tooLarge(String field, String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Content too large", detail, field);
    }

    /** 410: it existed, and is gone for good (an expired link, a removed endpoint). */
    public static ApiProblem gone(String detail) {
        return new ApiProblem(HttpStatus.GONE, "Gone", detail, null);
    }

    /** 503: a store the answer depends on did not answer in time. */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail, null);
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}
