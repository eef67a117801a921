/**
 * Who receives a notification, and its expansion into delivery requests in one Kafka transaction. Reads only
 * {@code directory}'s in-memory index: an alert still goes out while Redis is down.
 */
package org.schoolsafety.subscription.audience;
