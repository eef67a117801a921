package org.schoolsafety.bulletin;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public archive and feeds, under {@code ssn.bulletin.archive}.
 *
 * @param feedEntries how many of the latest bulletins the Atom feed and the JSON Feed list
 */
public record ArchiveSettings(@DefaultValue("20") @Positive int feedEntries) {}
