package org.schoolsafety.alert.rendition;

import org.schoolsafety.events.notification.Message;

/**
 * An alert's SMS: its lead and headline, then the recipient's acknowledgement link (or the alert's page), in at
 * most two segments on any phone. Two GSM-7
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

    /** Ahead of the recipient's acknowledgement link, which delivery-service puts in place of the placeholder. */
    static final String ACKNOWLEDGE = " Acknowledge: ";

    /** The least of the headline worth sending with an acknowledgement link rather than the page link. */
    static final int SHORTEST_HEADLINE = 40;

    /**
     * The headline and the recipient's own acknowledgement link ({@link Message#ACKNOWLEDGE_LINK}, whose length
     * delivery-service will fill is {@code acknowledgeLength}) when they fit two GSM-7 segments with enough of the
     * headline; otherwise the headline and the page link.
     */
    static String withAcknowledgement(String headline, String pageLink, int acknowledgeLength) {
        String lead = headline.strip();
        int room = GSM7_TWO_SEGMENTS - ACKNOWLEDGE.length() - acknowledgeLength;
        if (!plainGsm7(lead) || room < SHORTEST_HEADLINE) {
            return twoSegments(headline, pageLink);
        }
        String cut = lead.length() <= room ? lead : lead.substring(0, room - 3).stripTrailing() + "...";
        return cut + ACKNOWLEDGE + Message.ACKNOWLEDGE_LINK;
    }

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
