/**
 * Per-client rate limits at the gateway, counted in Redis so that every gateway instance shares them. When
 * Redis is down the gateway neither opens the gates nor locks senders out: each instance counts alone.
 */
package org.schoolsafety.gateway.ratelimit;
