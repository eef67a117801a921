package org.schoolsafety.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/** This instance's own count, used while Redis cannot be reached. Old windows are dropped as time moves. */
final class LocalWindowCounter implements WindowCounter {

    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile long currentWindow;

    @Override
    public Mono<Long> increment(String client, long window) {
        if (window != currentWindow) {
            currentWindow = window;
            counts.keySet().removeIf(key -> !key.endsWith(":" + window));
        }
        return Mono.just(counts.computeIfAbsent(client + ":" + window, key -> new AtomicLong())
                .incrementAndGet());
    }
}
