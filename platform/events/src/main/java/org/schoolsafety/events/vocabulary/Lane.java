package org.schoolsafety.events.vocabulary;

/**
 * The delivery lane. Urgent work has its own topic and consumers so that a large bulletin never delays an
 * alert.
 */
public enum Lane {
    URGENT,
    BULK
}
