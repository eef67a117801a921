package org.schoolsafety.bulletin;

import jakarta.validation.Valid;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of bulletin-service, under {@code ssn.bulletin}. A wrong value stops the service at start, naming
 * the property.
 *
 * @param zone the time zone in which a bulletin's week starts on Monday and its times are shown
 * @param authoring limits on what editors write
 * @param publication scheduled publication
 * @param archive the public archive and feeds
 * @param assembly the weekly draft the service writes itself
 */
@Validated
@ConfigurationProperties("ssn.bulletin")
public record BulletinSettings(
        @DefaultValue("America/Chicago") ZoneId zone,
        @DefaultValue @Valid AuthoringSettings authoring,
        @DefaultValue @Valid PublicationSettings publication,
        @DefaultValue @Valid ArchiveSettings archive,
        @DefaultValue @Valid AssemblySettings assembly) {

    public BulletinSettings {
        if (zone == null) {
            throw new DateTimeException("ssn.bulletin.zone must be a time zone id, e.g. America/Chicago");
        }
    }
}
