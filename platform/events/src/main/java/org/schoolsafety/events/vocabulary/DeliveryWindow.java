package org.schoolsafety.events.vocabulary;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The hours of the day in which an organisation takes bulk messages (bulletins, advisories), in its own time zone.
 * Urgent alerts ignore it. A window whose {@code opens} is after its {@code closes} runs over midnight.
 *
 * @param opens first minute of the window, local time
 * @param closes end of the window (exclusive), local time; equal to {@code opens} means all day
 * @param zone IANA time zone id, e.g. {@code America/Chicago}
 */
public record DeliveryWindow(LocalTime opens, LocalTime closes, String zone) {

    /** The platform's default: 06:00 to 20:00 in Missouri. */
    public static final DeliveryWindow DEFAULT =
            new DeliveryWindow(LocalTime.of(6, 0), LocalTime.of(20, 0), "America/Chicago");

    public DeliveryWindow {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(zone, "zone");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone is not a time zone id: " + zone, e);
        }
    }

    /** Whether {@code at} lies inside the window. */
    public boolean isOpen(Instant at) {
        if (opens.equals(closes)) {
            return true;
        }
        LocalTime local = at.atZone(ZoneId.of(zone)).toLocalTime();
        return opens.isBefore(closes)
                ? !local.isBefore(opens) && local.isBefore(closes)
                : !local.isBefore(opens) || local.isBefore(closes);
    }

    /** {@code at} itself when the window is open then, else the next moment it opens. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(ZoneId.of(zone));
        ZonedDateTime today = local.toLocalDate().atTime(opens).atZone(local.getZone());
        ZonedDateTime opening = today.isAfter(local) ? today : today.plusDays(1);
        return opening.toInstant();
    }
}
