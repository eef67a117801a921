/**
 * The archive of published bulletins: every revision read from {@code bulletins} into Redis, the public archive of
 * TLP:CLEAR bulletins under {@code /feeds/bulletins} (pages, Atom, JSON Feed) and the whole archive, TLP:GREEN
 * included, for signed-in platform users under {@code /api/bulletins/archive}. Uses only the service's root package
 * and the platform.
 */
package org.schoolsafety.bulletin.archive;
