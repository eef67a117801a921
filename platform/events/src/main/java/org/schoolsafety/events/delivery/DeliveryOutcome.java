package org.schoolsafety.events.delivery;

/**
 * What became of one delivery, on {@code delivery-outcomes} keyed by {@code endpointId}; produced by
 * delivery-service (and, for acknowledgements, by the service that took the click or reply). alert-service
 * reads them for live status and escalation, subscription-service for bounces.
 */
public sealed interface DeliveryOutcome extends DeliveryEvent
        permits DeliverySucceeded, DeliveryFailed, DeliveryAcknowledged, DeliveryReceipt {

    String deliveryId();

    String notificationId();

    String endpointId();

    String organisationId();
}
