package org.schoolsafety.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for links whose token is the only authorisation: verifying an address, unsubscribing, acknowledging an
 * alert. A token names one subject (an endpoint or delivery id) for one purpose until a time, signed with
 * HMAC-SHA256 under the platform's link key: {@code base64url(subject) "." expiry-epoch-seconds "."
 * base64url(mac)}, the mac over {@code purpose "\n" subject "\n" expiry}. A token for one purpose never passes
 * for another, and nothing in it is secret except that it was signed here.
 */
public final class SignedLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    /** Keyed once; each token is signed by a copy ({@link Mac} is not thread-safe). */
    private final Mac keyed;

    private final Clock clock;

    public SignedLinks(byte[] key, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a link signing key has at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyed = newMac();
    }

    /** Why a token was refused; each is a client error, none reveals more than the reason. */
    public enum Refusal {
        /** Not a token this platform makes. */
        MALFORMED,
        /** Well formed, but not signed with this key for this purpose. */
        FORGED,
        /** Signed here, and past its time. */
        EXPIRED
    }

    /** A token that does not pass. */
    public static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super("link token refused: " + refusal, null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * How long a token is for a subject of {@code subjectBytes} UTF-8 bytes: what a producer must leave room for when
     * a link is added to a message later, per recipient (an SMS within two segments). Expiries have ten digits
     * until the year 2286.
     */
    public static int tokenLength(int subjectBytes) {
        return base64Length(subjectBytes) + 1 + 10 + 1 + base64Length(32);
    }

    private static int base64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    /** A token for {@code subject} and {@code purpose}, valid for {@code validFor} from now. */
    public String sign(String purpose, String subject, Duration validFor) {
        long expires = Instant.now(clock).plus(validFor).getEpochSecond();
        return B64.encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "." + expires + "."
                + B64.encodeToString(mac(purpose, subject, expires));
    }

    /** The subject of a token signed here for this purpose and not expired; otherwise why not. */
    public String verify(String purpose, String token) {
        if (token == null || token.length() > 1024) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        String subject;
        long expires;
        byte[] presented;
        try {
            subject = new String(UNB64.decode(parts[0]), StandardCharsets.UTF_8);
            expires = Long.parseLong(parts[1]);
            presented = UNB64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        if (!MessageDigest.isEqual(presented, mac(purpose, subject, expires))) {
            throw new RefusedException(Refusal.FORGED);
        }
        if (Instant.now(clock).getEpochSecond() >= expires) {
            throw new RefusedException(Refusal.EXPIRED);
        }
        return subject;
    }

    private byte[] mac(String purpose, String subject, long expires) {
        Mac mac;
        try {
            // a copy of the keyed MAC, which is never used itself: a fraction of the cost of looking up the
            // provider and keying a new one for each link (ten thousand per statewide alert)
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException notByThisProvider) {
            mac = newMac();
        }
        return mac.doFinal((purpose + "\n" + subject + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
