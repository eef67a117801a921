/**
 * Quiet hours of the bulk lane: a bulk request whose organisation's delivery window is closed is held in Redis
 * ({@link org.schoolsafety.delivery.quiet.BulkHold}) and put back on its lane when the window opens
 * ({@link org.schoolsafety.delivery.quiet.HeldRequestReleaser}). It reads the settings only; the lane listeners
 * ask it before they deliver.
 */
package org.schoolsafety.delivery.quiet;
