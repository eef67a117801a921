package org.schoolsafety.alert.rendition;

/**
 * An alert's SMS: its lead and headline, then the link, in at most two segments on any phone. Two GSM-7
 * segments hold 306 characters of the basic alphabet; two UCS-2 segments only 134. Rather than count the
 * GSM-7 table here (delivery-service does that for what it sends), a text of printable ASCII outside GSM-7's
 * two-septet escapes is measured against 306 and anything else against 134, which fits both encodings. The
 * headline is what gets shortened; the link always survives.
 */
final class SmsFit {

    static final int GSM7_TWO_SEGMENTS = 306;
    static final int UCS2_TWO_SEGMENTS = 134;

    /** GSM-7 characters that take two septets (the escape table) among printable ASCII. */
    private static final String GSM7_ESCAPED = "[]{}\\^~|";

    private SmsFit() {}

    static String twoSegments(String headline, String link) {
        String tail = " " + link;
        String full = headline.strip() + tail;
        boolean gsm7 = plainGsm7(full);
        int limit = gsm7 ? GSM7_TWO_SEGMENTS : UCS2_TWO_SEGMENTS;
        if (full.length() <= limit) {
            return full;
        }
        // an ellipsis character would turn a GSM-7 text into UCS-2 and triple its segments
        String ellipsis = gsm7 ? "..." : "…";
        int room = Math.max(0, limit - tail.length() - ellipsis.length());
        String cut = headline.strip().substring(0, room);
        if (!cut.isEmpty() && Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.stripTrailing() + ellipsis + tail;
    }

    static boolean plainGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || GSM7_ESCAPED.indexOf(c) >= 0 || c == '`') {
                return false;
            }
        }
        return true;
    }
}
