package org.schoolsafety.platform.text;

import java.util.Optional;

/**
 * What text the platform accepts, decided once for every service and every field. A value breaks the rule when
 * it holds a lone UTF-16 surrogate (not Unicode at all: Redis scripts, XML writers and mail headers refuse it),
 * a code point that XML 1.0 cannot carry (NUL and the other C0 controls, U+FFFE, U+FFFF), a C1 control or DEL,
 * a line break or tab in a one-line field, a bidirectional override or isolate (they make a list of school
 * names show something other than what it holds), or more code points than the field allows.
 */
public final class TextRule {

    private TextRule() {}

    /**
     * Why {@code value} breaks the rule, as a sentence for the caller, or empty when it is acceptable. A null
     * value is acceptable here: whether a field is required is the field's own business.
     *
     * @param max the most code points the field holds
     * @param multiline whether tab, line feed and carriage return are allowed
     */
    public static Optional<String> violation(String value, int max, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        int count = 0;
        for (int i = 0; i < value.length(); count++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("Holds a lone UTF-16 surrogate at position " + i + ", which is not Unicode text.");
            }
            Optional<String> refused = refused(c, multiline);
            if (refused.isPresent()) {
                return Optional.of(refused.get() + " at position " + i + ".");
            }
            i++;
        }
        if (count > max) {
            return Optional.of("At most " + max + " characters; this has " + count + ".");
        }
        return Optional.empty();
    }

    /** Whether {@code value} keeps the rule. */
    public static boolean accepts(String value, int max, boolean multiline) {
        return violation(value, max, multiline).isEmpty();
    }

    private static Optional<String> refused(char c, boolean multiline) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return multiline ? Optional.empty() : Optional.of("Holds a line break or tab (" + codePoint(c) + ")");
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return Optional.of("Holds the control character " + codePoint(c));
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return Optional.of("Holds " + codePoint(c) + ", which is not a character");
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return Optional.of("Holds the bidirectional control " + codePoint(c)
                    + ", which can make the text display as something else");
        }
        return Optional.empty();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
