package org.schoolsafety.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalTime;
import java.time.ZoneId;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * subscription-service's own settings, under {@code ssn.subscription}; a wrong value stops the service at start,
 * naming the property. (Where webhooks may point is the platform's {@code ssn.webhooks}, shared with
 * delivery-service.)
 *
 * @param directory the directory the service starts with
 * @param sms what SMS recipients are told
 * @param deliveryWindow the hours in which organisations without a window of their own (or of an ancestor's) take
 *     bulk messages
 */
@Validated
@ConfigurationProperties("ssn.subscription")
public record SubscriptionSettings(
        @DefaultValue @Valid @NotNull Directory directory,
        @DefaultValue @Valid @NotNull Sms sms,
        @DefaultValue @Valid @NotNull Window deliveryWindow) {

    /**
     * The directory the service starts with.
     *
     * @param seed the organisations published once the {@code directory} topic has been read, when it lacks them:
     *     {@code mo} (the Missouri directory in {@code resources/directory/mo}), or {@code none}
     */
    public record Directory(@DefaultValue("mo") @NotNull Seed seed) {}

    /** Which directory to seed. */
    public enum Seed {
        /** The Missouri directory: the state, its agencies, regions, counties, districts and schools. */
        MO,
        /** No seed: the directory holds only what its administrator adds. */
        NONE
    }

    /**
     * What SMS recipients are told.
     *
     * @param helpContact whom the answer to HELP (or INFO) tells a recipient to contact
     */
    public record Sms(
            @DefaultValue("your school district office") @NotBlank
            String helpContact) {}

    /**
     * The default delivery window for bulk messages (bulletins, advisories); urgent alerts ignore it.
     *
     * @param opens first minute of the window, {@code HH:mm} local time
     * @param closes end of the window (exclusive), {@code HH:mm}; equal to {@code opens} means all day, earlier than
     *     it runs over midnight
     * @param zone IANA time zone id in which the times are read
     */
    public record Window(
            @DefaultValue("06:00") @NotNull @Pattern(regexp = HH_MM, message = "is a time of day, HH:mm")
            String opens,

            @DefaultValue("20:00") @NotNull @Pattern(regexp = HH_MM, message = "is a time of day, HH:mm")
            String closes,

            @DefaultValue("America/Chicago") @NotBlank String zone) {

        /** A time of day as the settings and the API write it. */
        public static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";

        public Window {
            if (zone != null && !zone.isBlank() && !ZoneId.getAvailableZoneIds().contains(zone)) {
                throw new IllegalArgumentException(
                        "ssn.subscription.delivery-window.zone must be an IANA time zone id such as America/Chicago, not '"
                                + zone + "'");
            }
        }

        /** The window these settings describe. */
        public DeliveryWindow window() {
            return new DeliveryWindow(LocalTime.parse(opens), LocalTime.parse(closes), zone);
        }
    }
}
