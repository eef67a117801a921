/**
 * How the service writes: a change is appended to the {@code directory} topic and confirmed before it counts,
 * then audited; and the pipelined Lua runs that apply records to the Redis views. Uses no other package of the
 * service but its refusals.
 */
package org.schoolsafety.subscription.store;
