package org.schoolsafety.platform.web;

import tools.jackson.core.JacksonException;

/** The path of the field a Jackson error is about, as a caller writes it: {@code info.headline}, {@code ids[2]}. */
public final class JsonFields {

    private JsonFields() {}

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
