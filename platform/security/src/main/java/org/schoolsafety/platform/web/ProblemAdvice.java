package org.schoolsafety.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import org.schoolsafety.platform.security.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every error a controller ends with is an RFC 9457 problem detail: the framework's (Spring's own mapping),
 * a request model's violated constraints and unreadable JSON (400, naming the field), and anything unexpected
 * (500, logged here with its stack trace, which never reaches the caller).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        LinkedHashMap<String, String> details = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(org.springframework.validation.FieldError::getField))
                .forEach(e -> details.putIfAbsent(e.getField(), e.getDefaultMessage()));
        ex.getBindingResult().getGlobalErrors().forEach(e -> details.putIfAbsent("body", e.getDefaultMessage()));
        return invalid(details, ex, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiProblem problem = JsonFields.unreadable(ex);
        return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        LinkedHashMap<String, String> details = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
            if (param != null && !param.name().isEmpty()) {
                name = param.name();
            }
            String field = name == null ? "parameter" : name;
            result.getResolvableErrors().forEach(error -> details.putIfAbsent(field, error.getDefaultMessage()));
        });
        return invalid(details, ex, headers, request);
    }

    /** A constraint on a controller's parameter (a path variable, a query parameter). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolated(ConstraintViolationException ex, WebRequest request) {
        return invalid(
                RequestModels.fields(ex.getConstraintViolations(), ProblemAdvice::parameter),
                ex,
                new HttpHeaders(),
                request);
    }

    /** Whatever nobody expected: a 500 problem detail; the trace goes to the log, never to the caller. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex; // Spring Security answers these with its own problem details
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            return null; // the caller went away (a closed status stream): nobody to answer, nothing to log
        }
        log.error("request {} failed", request.getDescription(false), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not complete the request. It has been logged; if it happens again, tell the"
                        + " platform's operators.");
        body.setTitle("Internal error");
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** A 400 naming each field that is wrong, or saying only that the request is not valid when none is named. */
    private ResponseEntity<Object> invalid(
            java.util.SequencedMap<String, String> details, Exception ex, HttpHeaders headers, WebRequest request) {
        ProblemDetail body = details.isEmpty()
                ? ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.")
                : ApiProblem.invalid(details).getBody();
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String parameter(String path) {
        // "method.argument" for a parameter constraint: the caller knows the argument's name only
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
