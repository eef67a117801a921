package org.schoolsafety.gateway.ratelimit;

import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The shared count: one atomic INCRBY (and expiry on first use) per batch of requests, in one round trip. */
final class RedisWindowCounter implements WindowCounter {

    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCRBY', KEYS[1], ARGV[1])
            if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], 2000) end
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
     * failure, and before the first answer, it is subscribed on a thread meant for blocking instead: getting a
     * connection can then block for the connect timeout, which would stall every other task of the caller's thread
     * (the rate limiter's timer; in the past, the event loop). Handing every count to another thread costs a
     * thread switch, for nothing while Redis is up.
     */
    @Override
    public Mono<Long> add(String client, long window, long requests) {
        Mono<Long> count = Mono.defer(() -> redis.execute(
                                INCREMENT,
                                List.of("ssn:gateway:rate:" + client + ":" + window),
                                List.of(Long.toString(requests)))
                        .next())
                .doOnNext(answered -> answering = true)
                .doOnError(failed -> answering = false)
                // the caller's timeout gave up on it
                .doOnCancel(() -> answering = false);
        return answering ? count : count.subscribeOn(Schedulers.boundedElastic());
    }
}
