/**
 * Real infrastructure for tests and for the local stack: a Redis server process on a free port and an
 * embedded KRaft Kafka broker with the catalog's topics, isolated per test class. No in-memory fakes.
 */
package org.schoolsafety.testing;
