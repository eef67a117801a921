package org.schoolsafety.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 */
@Validated
@ConfigurationProperties("ssn.subscription")
public record SubscriptionSettings(
        @DefaultValue @Valid @NotNull Directory directory,
        @DefaultValue @Valid @NotNull Sms sms) {

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
}
