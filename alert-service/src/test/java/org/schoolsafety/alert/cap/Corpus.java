package org.schoolsafety.alert.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The CAP samples under {@code src/test/resources/cap/} (see SOURCES.md there), by their path below that folder. */
final class Corpus {

    private Corpus() {}

    static byte[] bytes(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream("/cap/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource cap/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
