package org.schoolsafety.events.bulletin;

import java.util.Objects;

/**
 * One section of a bulletin.
 *
 * @param kind {@code this-week}, {@code cyber-corner}, {@code trainings}, {@code resources}, {@code reminders}, or
 *     another kind an editor added (lower-case letters, digits and hyphens)
 * @param heading its heading as shown
 * @param markdown the editor's Markdown (CommonMark)
 * @param html the Markdown rendered and sanitised: no script, event handler, {@code javascript:}/{@code data:} URL or
 *     form
 */
public record BulletinSection(String kind, String heading, String markdown, String html) {

    public BulletinSection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(html, "html");
    }
}
