package org.schoolsafety.alert.cap;

import java.util.Objects;

/**
 * A CAP name/value pair: an {@code <eventCode>}, {@code <parameter>} or {@code <geocode>}. The value name says which
 * system the value belongs to (for example {@code SAME} for a SAME event or FIPS-derived area code), so neither part
 * is optional.
 */
public record CapValue(String valueName, String value) {

    public CapValue {
        Objects.requireNonNull(valueName, "valueName");
        Objects.requireNonNull(value, "value");
    }
}
