/**
 * The one rule for text that enters the platform: well-formed Unicode, no control characters (tab and line
 * breaks only in multi-line fields), no bidirectional overrides or isolates, and a stated length. Text that
 * passes can be stored in Redis, written as CAP XML 1.0, put in an email header or an SMS, and replayed.
 */
package org.schoolsafety.platform.text;
