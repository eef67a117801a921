package org.schoolsafety.events.vocabulary;

/** How a message leaves the platform. */
public enum Channel {
    EMAIL,
    SMS,
    WEBHOOK
}
