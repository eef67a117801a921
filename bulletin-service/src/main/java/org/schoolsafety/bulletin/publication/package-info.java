/**
 * Publication of bulletins: now, on schedule (exactly once across instances: a claim in Redis that expires, and
 * ids that make a repeat harmless) and as corrections. Each revision, its notification and its audit record go out
 * in one Kafka transaction, and the bulletin is published in Redis only once the broker has committed.
 */
package org.schoolsafety.bulletin.publication;
