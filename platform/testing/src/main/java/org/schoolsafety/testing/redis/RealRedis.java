package org.schoolsafety.testing.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context its own real Redis server ({@link RedisServerProcess}) on a free port, and
 * points {@code spring.data.redis.host/port} at it. The server stops when the context closes; each
 * annotated test class gets a context (and a server) of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealRedis {}
