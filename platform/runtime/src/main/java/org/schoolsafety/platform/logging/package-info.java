/** How Spring's own logging (Apache Commons Logging) reaches SLF4J and Logback. */
package org.schoolsafety.platform.logging;
