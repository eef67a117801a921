/**
 * delivery-service's settings: one record tree under {@code ssn.delivery} ({@link DeliverySettings}), each default
 * written once beside its field. Every other package of the service may read it; it reads none of them.
 */
package org.schoolsafety.delivery.settings;
