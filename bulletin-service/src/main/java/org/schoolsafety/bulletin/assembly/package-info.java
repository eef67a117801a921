/**
 * The draft that writes itself: the week's TLP:CLEAR and TLP:GREEN cyber advisories kept from
 * {@code cyber-advisories} (never AMBER or RED), assembled with the coming trainings into a DRAFT each week for the
 * editor to review; nothing here ever publishes. Uses the root package, {@code bulletin} (to create the draft) and
 * {@code training} (what it lists).
 */
package org.schoolsafety.bulletin.assembly;
