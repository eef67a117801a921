package org.schoolsafety.events.alert;

/**
 * Facts about an urgent alert, on the compacted {@code alerts} topic keyed by {@code alertId}; produced by
 * alert-service only. The latest record per alert is its current state.
 */
public sealed interface AlertEvent permits AlertIssued, AlertUpdated, AlertCancelled {

    /** The platform's id of the alert; the record key. */
    String alertId();
}
