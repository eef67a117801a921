/**
 * alert-service. Owns the urgent-alert lifecycle (CAP 1.2: Alert / Update / Cancel; Actual / Exercise / Test): approvals,
 * acknowledgements, escalation and live delivery status. Publishes {@code alerts} and {@code notifications};
 * reads {@code delivery-outcomes}.
 */
package org.schoolsafety.alert;
