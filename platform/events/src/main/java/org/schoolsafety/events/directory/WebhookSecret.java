package org.schoolsafety.events.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * One signing secret of a webhook endpoint (Standard Webhooks, {@code whsec_} + base64 of 32 random bytes).
 * While a rotation overlaps, deliveries carry a signature per secret that has not expired.
 *
 * @param secret the {@code whsec_...} secret
 * @param createdAt when it was generated
 * @param expiresAt when it stops signing (the end of a rotation's overlap), {@code null} while current
 */
public record WebhookSecret(String secret, Instant createdAt, Instant expiresAt) {

    public WebhookSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
