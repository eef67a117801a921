package org.schoolsafety.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Adds requests of a client to its count in a one-second window and returns the count so far. */
interface WindowCounter {

    Mono<Long> add(String client, long window, long requests);
}
