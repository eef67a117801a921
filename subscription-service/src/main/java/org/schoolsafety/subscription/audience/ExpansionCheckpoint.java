package org.schoolsafety.subscription.audience;

/**
 * Called after each delivery request an expansion writes. In service it does nothing; the crash test
 * replaces it with one that fails half-way, to prove the transaction leaves no partial expansion behind.
 */
@FunctionalInterface
interface ExpansionCheckpoint {

    void written(String notificationId, int count);
}
