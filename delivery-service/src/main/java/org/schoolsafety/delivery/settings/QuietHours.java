package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quiet hours of the bulk lane, under {@code ssn.delivery.quiet-hours}: a bulk request whose organisation's delivery
 * window is closed is held in Redis and put back on {@code delivery-requests-bulk} when the window opens. Urgent
 * requests are never held.
 *
 * @param enabled {@code false} delivers bulk requests whatever their window says
 * @param releaseEvery how often each instance looks for held requests that are due
 * @param releaseBatch held requests claimed at once; batches follow one another until none is due
 * @param claimFor a claimed request not confirmed back on the lane within this time (its instance died) is claimed
 *     again by the next look
 */
public record QuietHours(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration releaseEvery,
        @Positive @DefaultValue("500") int releaseBatch,
        @DefaultValue("2m") Duration claimFor) {

    public QuietHours {
        SettingChecks.positive("ssn.delivery.quiet-hours.release-every", releaseEvery);
        SettingChecks.positive("ssn.delivery.quiet-hours.claim-for", claimFor);
    }
}
