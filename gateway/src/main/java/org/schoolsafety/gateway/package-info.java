/**
 * gateway: the single HTTP entry from outside. Routes {@code /api/...} to the services; authentication,
 * organisation scoping, rate limits and request limits are added here and in {@code platform/}.
 */
package org.schoolsafety.gateway;
