package org.schoolsafety.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Counts one more request of a client in a one-second window and returns the count so far. */
interface WindowCounter {

    Mono<Long> increment(String client, long window);
}
