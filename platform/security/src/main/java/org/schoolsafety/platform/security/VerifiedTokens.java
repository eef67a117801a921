package org.schoolsafety.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Bearer tokens whose signature this instance has verified, remembered for a short while.
 *
 * <p>Why hand-written: a client sends the same token with every request until it expires, and Spring Security's
 * JWT decoder verifies its RSA signature and parses its claims anew each time (its cost: docs/performance.md).
 *
 * <ul>
 *   <li>The key is the whole token text, signature included: any other text, a forged or altered token among
 *       them, is not found and goes through full verification. Tokens that fail verification are not kept.
 *   <li>Every token taken from here is validated again (expiry with the clock skew, issuer, audience), so an
 *       expired token is refused exactly as if it had been verified anew.
 *   <li>An entry lives at most {@code ttl} (60 s by default): a signing key the issuer withdraws from its key
 *       set stops being honoured within that time, as with the decoder's own key set cache.
 *   <li>At most {@code capacity} entries; when full, everything is forgotten at once (each client then pays
 *       for one verification), so memory stays bounded without a cache library.
 * </ul>
 */
final class VerifiedTokens {

    private record Verified(Jwt jwt, long until) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;

    VerifiedTokens(OAuth2TokenValidator<Jwt> validator, Duration ttl, int capacity, Clock clock) {
        this.validator = validator;
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * The token as verified before, validated again now; {@code null} if it is not held (or no longer).
     *
     * @throws JwtValidationException if it was verified but is no longer valid (expired, typically)
     */
    Jwt recall(String token) {
        Verified held = verified.get(token);
        if (held == null) {
            return null;
        }
        if (clock.millis() >= held.until()) {
            verified.remove(token, held);
            return null;
        }
        OAuth2TokenValidatorResult result = validator.validate(held.jwt());
        if (result.hasErrors()) {
            verified.remove(token, held);
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return held.jwt();
    }

    /** Remembers a token the decoder has just verified and validated in full. */
    Jwt remember(String token, Jwt jwt) {
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, clock.millis() + ttl.toMillis()));
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
