package org.schoolsafety.gateway.ratelimit;

import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The shared count: one atomic INCR (and expiry on first use) per request, in one round trip. */
final class RedisWindowCounter implements WindowCounter {

    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], 2000) end
            return count
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;

    RedisWindowCounter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Subscribed off the event loop: while Redis is down, getting a connection can block for the connect
     * timeout, and on a Netty thread that would stall every request sharing the loop, not just this one.
     */
    @Override
    public Mono<Long> increment(String client, long window) {
        return Mono.defer(() -> redis.execute(INCREMENT, List.of("ssn:gateway:rate:" + client + ":" + window))
                        .next())
                .subscribeOn(Schedulers.boundedElastic());
    }
}
