package org.schoolsafety.bulletin;

import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled publication, under {@code ssn.bulletin.publication}.
 *
 * @param pollEvery how often an instance looks for scheduled bulletins that are due
 */
public record PublicationSettings(@DefaultValue("5s") Duration pollEvery) {

    public PublicationSettings {
        SettingChecks.positive("ssn.bulletin.publication.poll-every", pollEvery);
    }
}
