/** What the gateway does at the edge for every request: an access log, size limits, CORS for the console. */
package org.schoolsafety.gateway.edge;
