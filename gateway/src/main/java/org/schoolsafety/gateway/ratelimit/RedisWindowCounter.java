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

    /** Whether the last count came back: the client's connection is open and a command cannot block. */
    private volatile boolean answering;

    RedisWindowCounter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * While Redis answers, the command is sent from the caller's thread: the connection is open, and Lettuce
     * queues the command without blocking (if Redis then goes away, the caller's timeout ends the wait). After a
     * failure, and before the first answer, it is subscribed off the event loop instead: getting a connection
     * can then block for the connect timeout, and on a Netty thread that would stall every request sharing the
     * loop, not just this one. Handing every count to another thread cost a thread switch per request, for
     * nothing while Redis is up.
     */
    @Override
    public Mono<Long> increment(String client, long window) {
        Mono<Long> count = Mono.defer(
                        () -> redis.execute(INCREMENT, List.of("ssn:gateway:rate:" + client + ":" + window))
                                .next())
                .doOnNext(answered -> answering = true)
                .doOnError(failed -> answering = false)
                // the caller's timeout gave up on it
                .doOnCancel(() -> answering = false);
        return answering ? count : count.subscribeOn(Schedulers.boundedElastic());
    }
}
