package org.schoolsafety.platform.redis;

/**
 * The service's Redis lost what it held (emptied by {@code FLUSHALL}, or restarted without its data), seen by
 * {@link RedisWipeWatch}. Views kept in Redis read their topics again; counts kept there are rebuilt from theirs.
 *
 * @param generation the mark the watch has set in Redis since
 */
public record RedisWiped(String generation) {}
