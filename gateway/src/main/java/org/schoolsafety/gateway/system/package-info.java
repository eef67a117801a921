/** Cross-cutting wiring of the gateway: error responses. */
package org.schoolsafety.gateway.system;
