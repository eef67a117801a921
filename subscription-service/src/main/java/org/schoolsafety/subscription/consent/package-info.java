/**
 * Whether an endpoint may receive: verification (one way per channel), what recipients do with their links
 * (confirm, unsubscribe) and SMS keywords, and what delivery-service reports back. Builds on {@code directory}.
 */
package org.schoolsafety.subscription.consent;
