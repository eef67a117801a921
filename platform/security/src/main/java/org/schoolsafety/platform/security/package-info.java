/**
 * The security model of DESIGN.md §6, wired once for the gateway and every service: bearer JWTs from any
 * OIDC issuer (JWKS URI configurable), validated for signature, issuer, audience and time; roles and the
 * caller's organisation from the {@code roles} and {@code org} claims; 401 and 403 answered as RFC 9457
 * problem details. Services validate tokens themselves: the gateway is not the only wall.
 */
package org.schoolsafety.platform.security;
