package org.schoolsafety.events.delivery;

/** How a message leaves the platform. */
public enum Channel {
    EMAIL,
    SMS,
    WEBHOOK
}
