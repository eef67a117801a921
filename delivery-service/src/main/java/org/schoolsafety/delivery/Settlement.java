package org.schoolsafety.delivery;

/**
 * What is left of an attempt once its call has an answer: waiting until the broker has confirmed the outcome,
 * then recording the delivery as concluded (in this order: a crash between the two sends once more rather than
 * losing the outcome).
 */
@FunctionalInterface
interface Settlement {

    Settlement NONE = () -> {};

    /** Waits for the outcome's confirmation and records the delivery; {@link AttemptFailed} if unconfirmed. */
    void await();
}
