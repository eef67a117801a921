/**
 * Who may call which API group through the gateway, by role. Organisation scope (a district only its own
 * subtree) is enforced by the service that owns the data, which validates the same token.
 */
package org.schoolsafety.gateway.access;
