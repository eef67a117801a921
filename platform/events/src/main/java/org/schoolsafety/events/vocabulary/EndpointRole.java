package org.schoolsafety.events.vocabulary;

/** What the person or system behind an endpoint is, for targeting by role. */
public enum EndpointRole {
    SAFETY_COORDINATOR,
    CYBERSECURITY_COORDINATOR,
    SUPERINTENDENT,
    IT_SYSTEM
}
