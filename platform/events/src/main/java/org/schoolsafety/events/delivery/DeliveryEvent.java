package org.schoolsafety.events.delivery;

/**
 * Everything on {@code delivery-outcomes}: what became of each delivery, endpoints found unusable, and what
 * recipients sent back to the platform on their own (SMS replies such as STOP). Produced by delivery-service.
 */
public sealed interface DeliveryEvent permits DeliveryOutcome, SmsReceived, EndpointDisabled {}
