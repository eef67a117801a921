/**
 * The wire contract between services: the {@link org.schoolsafety.events.Topics topic catalog}, the
 * {@link org.schoolsafety.events.EventTypes event types} that may travel on each topic, and the names of
 * the CloudEvents 1.0 Kafka binary-mode headers that carry their envelope.
 *
 * <p>Every event is an immutable record named as a past fact (or, for work, an imperative). Its components
 * are non-null unless documented "or {@code null}"; the canonical constructor refuses a missing one, so
 * neither a producer nor a consumer can hold an incomplete event. Each has a
 * JSON Schema under {@code schemas/} and a golden sample under test; a change to a record that changes the
 * JSON on the wire fails the contract tests. Additive changes keep the version; a breaking change is a new
 * {@code …v2} type.
 */
package org.schoolsafety.events;
