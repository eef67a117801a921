/**
 * The development token issuer of the local stack: a real OAuth2 authorization server (Spring Authorization
 * Server) with one client-credentials client per demo identity, issuing JWT access tokens in the platform's
 * shape. For local use only: the secrets are public.
 */
package org.schoolsafety.localstack.issuer;
