package org.schoolsafety.subscription.audience;

import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.DeliveryWindow;

/**
 * One endpoint of a notification's audience, with what its delivery request says about the endpoint's organisation.
 *
 * @param endpoint the endpoint
 * @param organisationName its organisation's name, for messages that greet it
 * @param window bulk lane: the hours in which the organisation takes bulk messages; urgent lane: {@code null}
 */
record Recipient(EndpointChanged endpoint, String organisationName, DeliveryWindow window) {}
