/**
 * The training calendar: trainings and events editors enter once, which the weekly bulletins list
 * ({@link org.schoolsafety.bulletin.training.Trainings#between}) and which {@code /feeds/trainings.ics} publishes as
 * an RFC 5545 calendar. Uses only the service's root package and the platform.
 */
package org.schoolsafety.bulletin.training;
