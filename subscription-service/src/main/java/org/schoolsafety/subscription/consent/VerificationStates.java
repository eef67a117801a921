package org.schoolsafety.subscription.consent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.schoolsafety.events.directory.EndpointChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Where each endpoint's latest verification stands, for its organisation to see: sent (and, while delivery-service
 * retries it, why the last attempt failed), failed for good, or verified. In Redis, one hash per endpoint
 * ({@code verification:<endpoint id>}: the verification's notification id, its state, the last error), written
 * when a verification is asked for and from its outcomes on {@code delivery-outcomes}; an outcome of an earlier
 * verification changes nothing. Verified comes from the endpoint itself, and its hash is then dropped. An
 * unverified endpoint without a hash shows {@code SENT}. The hashes are not on {@code directory}: Redis rebuilt
 * from the topic has none, and a failed verification shows as sent until its keeper asks for a new one.
 */
@Component
public class VerificationStates {

    private static final Logger log = LoggerFactory.getLogger(VerificationStates.class);

    /** What an organisation sees of an endpoint's verification. */
    public enum State {
        /** On its way, or delivered and waiting for the recipient (email link, SMS YES). */
        SENT,
        /** It could not be delivered (or queued): {@code lastError} says why; its keeper asks for a new one. */
        FAILED,
        VERIFIED
    }

    /**
     * @param lastError why the latest attempt failed ({@code null} if none has, or it was retried with success)
     */
    public record Verification(State state, String lastError) {}

    /** Sets a state if the hash names this notification, or names none; ARGV: notification, state, error or "". */
    private static final RedisScript<Long> OUTCOME = RedisScript.of("""
            local held = redis.call('HGET', KEYS[1], 'notificationId')
            if held and held ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'notificationId', ARGV[1], 'state', ARGV[2], 'lastError', ARGV[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    VerificationStates(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A new verification is asked for: it replaces whatever the endpoint's last one came to. */
    void sent(String endpointId, String notificationId) {
        redis.opsForHash()
                .putAll(key(endpointId), Map.of("notificationId", notificationId, "state", "SENT", "lastError", ""));
    }

    /** An attempt at the verification failed: for good ({@link State#FAILED}), or it is retried. */
    void failed(String endpointId, String notificationId, String reason, boolean permanent) {
        redis.execute(
                OUTCOME,
                List.of(key(endpointId)),
                notificationId,
                permanent ? State.FAILED.name() : State.SENT.name(),
                reason == null ? "" : reason);
    }

    /** The verification was delivered (an email or SMS now waits for its recipient). */
    void delivered(String endpointId, String notificationId) {
        redis.execute(OUTCOME, List.of(key(endpointId)), notificationId, State.SENT.name(), "");
    }

    /** delivery-service found the endpoint unusable: it is unverified again until a new verification succeeds. */
    void disabled(String endpointId, String reason) {
        redis.opsForHash()
                .putAll(
                        key(endpointId),
                        Map.of("notificationId", "", "state", "FAILED", "lastError", "disabled: " + reason));
    }

    /** The endpoint is verified: what its verifications came to no longer matters. */
    void forget(String endpointId) {
        redis.delete(key(endpointId));
    }

    /** The verification of each endpoint, by endpoint id. */
    public Map<String, Verification> of(List<EndpointChanged> endpoints) {
        Map<String, Verification> states = new HashMap<>();
        for (EndpointChanged endpoint : endpoints) {
            states.put(endpoint.endpointId(), of(endpoint));
        }
        return states;
    }

    /** The verification of one endpoint. */
    public Verification of(EndpointChanged endpoint) {
        if (endpoint.verified()) {
            return new Verification(State.VERIFIED, null);
        }
        List<Object> held = redis.opsForHash().multiGet(key(endpoint.endpointId()), List.of("state", "lastError"));
        Object state = held == null || held.isEmpty() ? null : held.get(0);
        if (state == null) {
            // nothing kept (an endpoint from before, or Redis rebuilt from directory): unverified, so asked for
            return new Verification(State.SENT, null);
        }
        Object error = held.size() > 1 ? held.get(1) : null;
        return new Verification(
                State.valueOf(state.toString()),
                error == null || error.toString().isEmpty() ? null : error.toString());
    }

    /** Records a verification's state; Redis being down does not undo a change that was made. */
    static void bestEffort(Runnable write, EndpointChanged endpoint) {
        try {
            write.run();
        } catch (RuntimeException redisDown) {
            log.warn("the verification state of endpoint {} could not be recorded", endpoint.endpointId(), redisDown);
        }
    }

    private static String key(String endpointId) {
        return "verification:" + endpointId;
    }
}
