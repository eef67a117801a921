package org.schoolsafety.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests to one endpoint in the order they were taken, one after the other: an Update never overtakes its
 * Alert, and two copies of one request are not sent at once (the second sees the first one's record).
 */
final class EndpointTurns {

    /** A request's turn: {@link #awaitBefore} waits for the one taken before it; {@link #end} lets the next go. */
    final class Turn {

        private final String endpointId;
        private final CompletableFuture<Void> before;
        private final CompletableFuture<Void> mine = new CompletableFuture<>();

        private Turn(String endpointId) {
            this.endpointId = endpointId;
            this.before = last.put(endpointId, mine);
        }

        void awaitBefore() {
            if (before != null) {
                before.join();
            }
        }

        void end() {
            last.remove(endpointId, mine);
            mine.complete(null);
        }
    }

    /** The last request taken for each endpoint while it is under way. */
    private final ConcurrentMap<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    /** Takes the next turn for the endpoint; its {@link Turn#end} must follow, whatever happens. */
    Turn take(String endpointId) {
        return new Turn(endpointId);
    }
}
