package org.schoolsafety.delivery.sms;

/**
 * How many SMS segments a text costs, and cutting a text to a number of segments, the way the networks count
 * them (3GPP TS 23.038 and 23.040):
 * <ul>
 *   <li>a text made only of the GSM 03.38 default alphabet is sent in GSM-7: 160 septets in a single message, 153
 *       per segment once it is concatenated (the user data header takes the rest). A character of the extension
 *       table ({@code ^ { } \ [ ] ~ | €} and form feed) costs two septets (escape and character), and the two are
 *       never split across segments;
 *   <li>any other character makes the whole text UCS-2: 70 UTF-16 code units single, 67 per segment. An emoji or
 *       other character outside the Basic Multilingual Plane is a surrogate pair, two code units that are never
 *       split across segments.
 * </ul>
 * Segments cost money and take the provider's rate; an alert cut to fit still goes out, a refused one would not.
 */
final class SmsSegments {

    /** The GSM 03.38 default alphabet (the escape to the extension table, 0x1B, left out). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The GSM 03.38 extension table: each costs the escape septet and its own. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** What a cut GSM-7 text ends with: three dots, as "…" is not in the GSM alphabet and would make it UCS-2. */
    static final String GSM_ELLIPSIS = "...";

    /** What a cut UCS-2 text ends with. */
    static final String UCS2_ELLIPSIS = "…";

    /** How a text is encoded on the air. */
    public enum Encoding {
        GSM_7(160, 153),
        UCS_2(70, 67);

        /** Units (septets or UTF-16 code units) in a message of one segment. */
        final int single;
        /** Units in each segment of a concatenated message. */
        final int perSegment;

        Encoding(int single, int perSegment) {
            this.single = single;
            this.perSegment = perSegment;
        }
    }

    /**
     * What a text costs.
     *
     * @param encoding GSM-7 when every character is in the GSM alphabet, else UCS-2
     * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
     * @param segments messages the network sends, 0 for an empty text
     */
    public record Count(Encoding encoding, int units, int segments) {}

    /**
     * A text made to fit.
     *
     * @param text the text to send: the original, or a prefix of it ending with an ellipsis
     * @param count what {@code text} costs
     * @param originalSegments what the original would have cost
     */
    public record Fitted(String text, Count count, int originalSegments) {
        /** The text had to be cut. */
        public boolean cut() {
            return count.segments() < originalSegments;
        }
    }

    private SmsSegments() {}

    public static boolean isGsm7(int codePoint) {
        return BASIC.indexOf(codePoint) >= 0 || EXTENSION.indexOf(codePoint) >= 0;
    }

    /** The encoding a text needs. */
    public static Encoding encoding(String text) {
        return text.codePoints().allMatch(SmsSegments::isGsm7) ? Encoding.GSM_7 : Encoding.UCS_2;
    }

    /** What {@code text} costs. */
    public static Count count(String text) {
        Encoding encoding = encoding(text);
        Packer packer = new Packer(encoding);
        text.codePoints().forEach(packer::add);
        return new Count(encoding, packer.units, packer.segments());
    }

    /**
     * The text, or, when it costs more than {@code maxSegments}, its longest prefix that fits with an ellipsis
     * after it; cut at a word boundary when one lies among the last 20 characters that fit.
     */
    public static Fitted fit(String text, int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("at least one segment");
        }
        Count original = count(text);
        if (original.segments() <= maxSegments) {
            return new Fitted(text, original, original.segments());
        }
        Encoding encoding = original.encoding();
        String ellipsis = encoding == Encoding.GSM_7 ? GSM_ELLIPSIS : UCS2_ELLIPSIS;
        // the longest prefix (in chars, ending on a code point boundary) that fits with the ellipsis after it
        Packer packer = new Packer(encoding);
        int fits = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            packer.add(codePoint);
            if (packer.segmentsWith(ellipsis) > maxSegments) {
                break;
            }
            i += Character.charCount(codePoint);
            fits = i;
        }
        int end = wordBoundary(text, fits);
        String cut = text.substring(0, end).stripTrailing() + ellipsis;
        return new Fitted(cut, count(cut), original.segments());
    }

    /** Where to cut at or before {@code end}: after the last blank among the last 20 characters, else at end. */
    private static int wordBoundary(String text, int end) {
        if (end >= text.length() || Character.isWhitespace(text.charAt(end))) {
            return end;
        }
        for (int i = end; i > 0 && end - i < 20; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return end;
    }

    /** Packs characters into segments as a phone does: a character that does not fit starts the next one. */
    private static final class Packer {
        private final Encoding encoding;
        private int units;
        /** Units in each concatenated segment so far: full ones, and the one being filled. */
        private int full;

        private int current;

        Packer(Encoding encoding) {
            this.encoding = encoding;
        }

        void add(int codePoint) {
            int cost = cost(codePoint);
            units += cost;
            if (current + cost > encoding.perSegment) {
                full++;
                current = 0;
            }
            current += cost;
        }

        int segments() {
            if (units == 0) {
                return 0;
            }
            return units <= encoding.single ? 1 : full + 1;
        }

        /** Segments if {@code suffix} came next. */
        int segmentsWith(String suffix) {
            Packer copy = new Packer(encoding);
            copy.units = units;
            copy.full = full;
            copy.current = current;
            suffix.codePoints().forEach(copy::add);
            return copy.segments();
        }

        private int cost(int codePoint) {
            if (encoding == Encoding.UCS_2) {
                return Character.charCount(codePoint);
            }
            return EXTENSION.indexOf(codePoint) >= 0 ? 2 : 1;
        }
    }
}
