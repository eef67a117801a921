/** Jakarta Mail set up the way every JVM of the project that builds or parses mail uses it. */
package org.schoolsafety.platform.mail;
