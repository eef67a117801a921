package org.schoolsafety.subscription.endpoint;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.schoolsafety.events.directory.WebhookSecret;

/** A webhook's signing secrets: made at random, and rotated with an overlap so that no delivery goes unverified. */
final class WebhookSecrets {

    /** The longest time an old secret keeps signing beside a new one. */
    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    /** {@code whsec_} and the base64 of 32 random bytes (Standard Webhooks). */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The secrets after a rotation: the new one first, then each old one until its expiry (the current one's is
     * {@code now + overlap}); those already expired are dropped.
     */
    static List<WebhookSecret> rotated(List<WebhookSecret> current, String secret, Instant now, Duration overlap) {
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(new WebhookSecret(secret, now, null));
        for (WebhookSecret old : current) {
            Instant expires = old.expiresAt() == null ? now.plus(overlap) : old.expiresAt();
            if (expires.isAfter(now)) {
                secrets.add(new WebhookSecret(old.secret(), old.createdAt(), expires));
            }
        }
        return secrets;
    }
}
