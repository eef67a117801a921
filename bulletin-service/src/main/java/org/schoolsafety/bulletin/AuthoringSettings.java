package org.schoolsafety.bulletin;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what editors write, under {@code ssn.bulletin.authoring}.
 *
 * @param maxBulletinSize the largest bulletin (all its Markdown, items and links) the service takes
 * @param maxSections the most sections one bulletin may have
 */
public record AuthoringSettings(
        @DefaultValue("256KB") DataSize maxBulletinSize,
        @DefaultValue("20") @Positive int maxSections) {

    public AuthoringSettings {
        if (maxBulletinSize == null || maxBulletinSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "ssn.bulletin.authoring.max-bulletin-size must be more than 0 bytes, not " + maxBulletinSize);
        }
        if (maxSections <= 0) {
            throw new IllegalArgumentException(
                    "ssn.bulletin.authoring.max-sections must be more than 0, not " + maxSections);
        }
    }
}
