/** Free local ports for servers that tests and the local stack start. */
package org.schoolsafety.testing.net;
