package org.schoolsafety.events.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * A normalised cyber threat advisory was published. Produced by cyber-threat-service on
 * {@code cyber-advisories}, keyed by {@code advisoryId}; bulletin-service reads it for the weekly update.
 *
 * @param advisoryId platform id (for STIX-derived advisories, the STIX id)
 * @param title one line
 * @param summary what it is and what to do
 * @param severity {@code critical}, {@code high}, {@code medium} or {@code low}
 * @param tlp who may receive it
 * @param cves CVE ids it concerns, possibly none
 * @param source where it came from, e.g. {@code cisa-kev}
 * @param publishedAt when it was published here
 */
public record AdvisoryPublished(
        String advisoryId,
        String title,
        String summary,
        String severity,
        Tlp tlp,
        List<String> cves,
        String source,
        Instant publishedAt) {

    public AdvisoryPublished {
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(cves, "cves");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(publishedAt, "publishedAt");
        cves = List.copyOf(cves);
    }
}
