package org.schoolsafety.bulletin.bulletin;

/** Where a bulletin stands: an editor's draft, scheduled for a time, or out (and then only corrected). */
public enum BulletinState {
    DRAFT,
    SCHEDULED,
    PUBLISHED
}
