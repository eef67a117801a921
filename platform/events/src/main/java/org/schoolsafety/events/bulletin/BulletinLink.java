package org.schoolsafety.events.bulletin;

import java.util.Objects;

/**
 * A further link in a bulletin.
 *
 * @param title what it leads to
 * @param url an {@code https} URL
 */
public record BulletinLink(String title, String url) {

    public BulletinLink {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
    }
}
