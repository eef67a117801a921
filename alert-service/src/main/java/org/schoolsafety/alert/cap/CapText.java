package org.schoolsafety.alert.cap;

/**
 * Character data for a CAP element. Escapes {@code <} and {@code &}, and {@code >} so that no {@code ]]>} can
 * appear; writes a carriage return as {@code &#13;} so that it reads back as itself rather than as a line feed; and
 * refuses what XML 1.0 cannot carry at all (control characters other than tab, line feed and carriage return, lone
 * surrogates, U+FFFE and U+FFFF) instead of writing a message no receiver can parse.
 */
final class CapText {

    private CapText() {}

    static void append(StringBuilder out, String element, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException(String.format(
                                "<%s> holds U+%04X at index %d, which XML 1.0 cannot carry", element, (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
