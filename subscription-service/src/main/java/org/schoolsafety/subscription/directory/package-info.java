/**
 * The base of the service: organisations and endpoints as they stand on the {@code directory} topic (the Redis
 * views, the in-memory audience index, the replay that fills them and the Missouri seed), the caller's scope in
 * the hierarchy, and the state administrator's changes to organisations. Knows nothing of who reads it.
 */
package org.schoolsafety.subscription.directory;
