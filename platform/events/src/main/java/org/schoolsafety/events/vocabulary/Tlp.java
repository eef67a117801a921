package org.schoolsafety.events.vocabulary;

/** Traffic Light Protocol 2.0 marking: who may receive the content. */
public enum Tlp {
    /** Named recipients only: never lists, feeds or webhooks. */
    RED,
    /** Only inside the recipient organisation. */
    AMBER_STRICT,
    /** The recipient organisation and those it must inform. */
    AMBER,
    /** The community. */
    GREEN,
    /** No limit. */
    CLEAR
}
