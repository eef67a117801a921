/**
 * The local stack: the whole platform on one machine from one command, with no Docker. Infrastructure runs
 * inside this process (an embedded KRaft broker, a Redis server child process, SMTP/SMS/webhook sinks);
 * every service runs as its own process, so one can be killed and is started again alone.
 */
package org.schoolsafety.localstack;
