package org.schoolsafety.events.vocabulary;

/** What a notification belongs to; endpoints subscribe per feed. */
public enum Feed {
    /** Urgent alerts from state staff; a school cannot unsubscribe as a whole. */
    URGENT_ALERTS,
    /** The weekly school safety update. */
    WEEKLY_BULLETIN,
    /** Cybersecurity threat advisories, filtered by severity and TLP clearance. */
    CYBER_ADVISORIES,
    /**
     * Messages about the endpoint itself: its verification, and the confirmations and help that answer SMS
     * keywords. Nobody subscribes to it; it reaches unverified and suppressed endpoints, one at a time.
     */
    VERIFICATION
}
