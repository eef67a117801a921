/**
 * How every servlet service meets bad input: strict JSON (no scalar coercion, bounded instants), request models
 * checked with Jakarta Validation, and every error, the framework's and the unexpected, as an RFC 9457 problem
 * detail.
 */
package org.schoolsafety.platform.web;
