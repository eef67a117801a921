/**
 * An organisation's endpoints over HTTP: adding, changing and removing them, their signing secrets, and who
 * urgent alerts would miss. Builds on {@code directory} and asks {@code consent} to verify new endpoints.
 */
package org.schoolsafety.subscription.endpoint;
