package org.schoolsafety.alert.alert;

/** Where an alert is in its life. An issued alert past its CAP {@code expires} is shown as expired. */
public enum AlertState {
    /** Being written; nobody has been told anything. */
    DRAFT,
    /** Submitted; waits for a second person with the approver role (the two-person rule). */
    AWAITING_APPROVAL,
    /** Approved, or submitted without needing approval: the author may issue it. */
    READY,
    /** Sent; may be updated or cancelled until it expires. */
    ISSUED,
    /** Called off; the cancel went to the same audience. */
    CANCELLED
}
