package org.schoolsafety.alert.alert;

import org.schoolsafety.events.notification.Message;

/**
 * What each channel says for one CAP message of an alert. The rendition package implements it, so that the
 * lifecycle publishes renditions without depending on how they are written.
 */
public interface AlertRenditions {

    Message of(Alert alert, AlertMessage message);
}
