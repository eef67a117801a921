package org.schoolsafety.alert.cap;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values the CAP 1.2 XSD restricts, checked on write so that {@link CapXml#write} never hands a receiver a message
 * its validator would throw away, without running the XSD on the path of issuing an alert. Enumerations are
 * case-sensitive, as in the XSD.
 */
public final class CapVocabulary {

    static final Set<String> STATUS = Set.of("Actual", "Exercise", "System", "Test", "Draft");
    static final Set<String> MSG_TYPE = Set.of("Alert", "Update", "Cancel", "Ack", "Error");
    static final Set<String> SCOPE = Set.of("Public", "Restricted", "Private");
    public static final Set<String> CATEGORY = Set.of(
            "Geo",
            "Met",
            "Safety",
            "Security",
            "Rescue",
            "Fire",
            "Health",
            "Env",
            "Transport",
            "Infra",
            "CBRNE",
            "Other");
    static final Set<String> RESPONSE_TYPE =
            Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None");
    public static final Set<String> URGENCY = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    public static final Set<String> SEVERITY = Set.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    public static final Set<String> CERTAINTY = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");

    /** xs:language, after the whitespace collapse the XSD applies to it. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");

    /** xs:decimal: no exponent, unlike a Java double. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private CapVocabulary() {}

    static String oneOf(Set<String> vocabulary, String element, String value) {
        if (value == null || !vocabulary.contains(value)) {
            throw new IllegalArgumentException(
                    "<" + element + "> " + quoted(value) + " is not a CAP 1.2 value; one of " + vocabulary);
        }
        return value;
    }

    static String language(String value) {
        return matching(LANGUAGE, "language", value, "an RFC 3066 language tag such as en-US");
    }

    static String decimal(String element, String value) {
        return matching(DECIMAL, element, value, "a decimal number such as 1500 or 12.5");
    }

    private static String matching(Pattern form, String element, String value, String expected) {
        if (value != null && !value.isEmpty() && !form.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("<" + element + "> " + quoted(value) + " is not " + expected);
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
