/**
 * What every service shares, wired once: CloudEvents 1.0 on Kafka (binary mode), producer and consumer
 * defaults, dead letters, topics from the catalog, metrics tags, tracing, probes and graceful shutdown.
 * A service gets all of it by depending on this module.
 */
package org.schoolsafety.platform;
