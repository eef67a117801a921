package org.schoolsafety.events.notification;

/**
 * What the {@code notifications} topic carries, keyed by notification id: the request to reach an audience,
 * and then how many deliveries it expanded to.
 */
public sealed interface NotificationEvent permits NotificationRequested, NotificationExpanded {}
