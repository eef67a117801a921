/**
 * delivery-service. Owns the channel adapters (email over SMTP, SMS through a provider API, Standard Webhooks) with retries,
 * dead letters, per-endpoint circuit breaking, provider rate limits and idempotency. Reads the
 * {@code delivery-requests} lanes; publishes {@code delivery-outcomes}.
 */
package org.schoolsafety.delivery;
