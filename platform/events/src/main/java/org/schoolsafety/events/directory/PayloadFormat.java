package org.schoolsafety.events.directory;

/** The body a webhook endpoint receives. */
public enum PayloadFormat {
    /** CloudEvents 1.0 JSON. */
    JSON,
    /** An OASIS CAP 1.2 XML alert message. */
    CAP_XML
}
