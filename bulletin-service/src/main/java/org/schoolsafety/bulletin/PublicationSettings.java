package org.schoolsafety.bulletin;

import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publication, now or scheduled, under {@code ssn.bulletin.publication}.
 *
 * @param pollEvery how often an instance looks for scheduled bulletins that are due
 * @param claimFor how long one instance holds a bulletin it is publishing; if it dies meanwhile, another instance
 *     publishes the bulletin once this has passed (with the same ids, so nobody gets it twice). Longer than a
 *     publication ever takes, broker retries included
 */
public record PublicationSettings(
        @DefaultValue("5s") Duration pollEvery,
        @DefaultValue("2m") Duration claimFor) {

    public PublicationSettings {
        SettingChecks.positive("ssn.bulletin.publication.poll-every", pollEvery);
        SettingChecks.positive("ssn.bulletin.publication.claim-for", claimFor);
    }
}
