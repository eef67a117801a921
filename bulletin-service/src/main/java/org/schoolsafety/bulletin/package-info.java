/**
 * bulletin-service. Owns the weekly school safety update: drafts, sections, training calendar, scheduled publication,
 * archive and feeds. Reads {@code cyber-advisories}; publishes {@code bulletins} and {@code notifications}.
 */
package org.schoolsafety.bulletin;
