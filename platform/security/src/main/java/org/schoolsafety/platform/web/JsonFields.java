package org.schoolsafety.platform.web;

import org.schoolsafety.platform.security.ApiProblem;
import tools.jackson.core.JacksonException;

/** The path of the field a Jackson error is about, as a caller writes it: {@code info.headline}, {@code ids[2]}. */
public final class JsonFields {

    private JsonFields() {}

    /** The 400 for a body Jackson could not read: naming the field when Jackson says which. */
    public static ApiProblem unreadable(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                String field = path(jackson);
                if (field != null) {
                    return ApiProblem.invalid(field, "The value of " + field + " has the wrong type, format or range.");
                }
                return ApiProblem.invalid(null, "The body is not valid JSON.");
            }
        }
        return ApiProblem.invalid(null, "The body could not be read.");
    }

    /** The field's path, or null when the error is about the body as a whole (not JSON at all, say). */
    public static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
    }
}
