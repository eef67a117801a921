package org.schoolsafety.subscription.directory;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.SubscriptionSettings;
import tools.jackson.databind.JsonNode;

/**
 * A change of an organisation's delivery window as the API receives it: {@code {"opens":"07:00","closes":"18:00",
 * "zone":"America/Chicago"}}, or JSON {@code null} to go back to the inherited one. Read from the raw JSON so that an
 * explicit {@code null} (back to the default) differs from a window left out of the change (it stays).
 *
 * @param window the organisation's own window, {@code null} to inherit its ancestors' (else the default)
 */
record WindowChange(DeliveryWindow window) {

    private static final String FIELD = "deliveryWindow";
    private static final Set<String> PARTS = Set.of("opens", "closes", "zone");

    /** The change the request asks for; {@code null} when it leaves the window out. */
    static WindowChange from(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return null;
        }
        if (json.isNull()) {
            return new WindowChange(null);
        }
        if (!json.isObject()) {
            throw new Refusal.Invalid(
                    FIELD,
                    "deliveryWindow is {\"opens\":\"HH:mm\",\"closes\":\"HH:mm\",\"zone\":\"<IANA zone>\"}, or null for"
                            + " the default.");
        }
        for (String name : json.propertyNames()) {
            if (!PARTS.contains(name)) {
                throw new Refusal.Invalid(
                        FIELD + "." + name, "A delivery window has opens, closes and zone; not " + name + ".");
            }
        }
        LocalTime opens = time(json, "opens");
        LocalTime closes = time(json, "closes");
        String zone = text(json, "zone");
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new Refusal.Invalid(
                    FIELD + ".zone", "zone is an IANA time zone id such as America/Chicago, not " + shown(zone) + ".");
        }
        return new WindowChange(new DeliveryWindow(opens, closes, zone));
    }

    private static LocalTime time(JsonNode json, String name) {
        String value = text(json, name);
        if (!value.matches(SubscriptionSettings.Window.HH_MM)) {
            throw new Refusal.Invalid(
                    FIELD + "." + name,
                    name + " is a time of day written HH:mm (00:00 to 23:59), not " + shown(value) + ".");
        }
        return LocalTime.parse(value);
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new Refusal.Invalid(FIELD + "." + name, "A delivery window needs " + name + ".");
        }
        return value.asString();
    }

    /** A value quoted back to the caller, cut short: it may be anything. */
    private static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 40 ? printable.substring(0, 40) + "…" : printable) + "'";
    }
}
