/**
 * The bulletin itself: its model, its store in Redis (every change a compare-and-set on the version), the checks an
 * editor's draft must pass, and the authoring API.
 */
package org.schoolsafety.bulletin.bulletin;
