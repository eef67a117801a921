package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokensTests {

    private static final String ISSUER = "https://issuer.example";
    private static final Instant NOW = Instant.parse("2026-11-29T18:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();

    private VerifiedTokens tokens(Duration ttl, int capacity) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        return new VerifiedTokens(
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER)), ttl, capacity, clock);
    }

    private static Jwt jwt(String token, Instant expires) {
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .issuer(ISSUER)
                .subject("state-admin")
                .audience(List.of("ssn-api"))
                .issuedAt(NOW.minusSeconds(10))
                .expiresAt(expires)
                .build();
    }

    @Test
    void aVerifiedTokenIsRecalledOnlyByItsWholeText() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60), 16);
        Jwt verified = jwt("header.claims.signature", NOW.plusSeconds(300));
        tokens.remember("header.claims.signature", verified);

        assertThat(tokens.recall("header.claims.signature")).isSameAs(verified);
        assertThat(tokens.recall("header.claims.signaturf")).isNull();
        assertThat(tokens.recall("header.claims.")).isNull();
    }

    @Test
    void anExpiredTokenIsRefusedThoughItWasVerified() {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(10), 16);
        tokens.remember("t", jwt("t", NOW.plusSeconds(30)));
        assertThat(tokens.recall("t")).isNotNull();

        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> tokens.recall("t"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        // and it is forgotten: the next time it goes to the decoder, which refuses it too
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsTimeInMemoryIsOver() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60), 16);
        tokens.remember("t", jwt("t", NOW.plusSeconds(3600)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.recall("t")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.recall("t")).isNull();
    }

    @Test
    void memoryStaysWithinItsCapacity() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(60), 3);
        for (int i = 0; i < 10; i++) {
            tokens.remember("t" + i, jwt("t" + i, NOW.plusSeconds(3600)));
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        assertThat(tokens.recall("t9")).isNotNull();
    }

    @Test
    void theDecoderVerifiesEachTokenOnceAndEveryForgeryEveryTime() {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder verifying = token -> {
            verifications.incrementAndGet();
            if (!token.endsWith(".good")) {
                throw new BadJwtException("Signed JWT rejected: Invalid signature");
            }
            return jwt(token, Instant.now().plusSeconds(3600));
        };
        JwtDecoder decoder = TokenValidation.remembering(verifying, properties(Duration.ofSeconds(60)));

        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("h.c.good").getSubject()).isEqualTo("state-admin");
        }
        assertThat(verifications).hasValue(1);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("h.c.forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(4);
    }

    @Test
    void theReactiveDecoderToo() {
        AtomicInteger verifications = new AtomicInteger();
        ReactiveJwtDecoder verifying = token -> Mono.defer(() -> {
            verifications.incrementAndGet();
            return token.endsWith(".good")
                    ? Mono.just(jwt(token, Instant.now().plusSeconds(3600)))
                    : Mono.error(new BadJwtException("Signed JWT rejected: Invalid signature"));
        });
        ReactiveJwtDecoder decoder = TokenValidation.remembering(verifying, properties(Duration.ofSeconds(60)));

        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("h.c.good").block().getSubject()).isEqualTo("state-admin");
        }
        assertThat(verifications).hasValue(1);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("h.c.forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(4);
    }

    @Test
    void aZeroTimeInMemoryVerifiesEveryRequest() {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder verifying = token -> {
            verifications.incrementAndGet();
            return jwt(token, Instant.now().plusSeconds(3600));
        };
        JwtDecoder decoder = TokenValidation.remembering(verifying, properties(Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            decoder.decode("h.c.good");
        }
        assertThat(verifications).hasValue(3);
    }

    private static SecurityProperties properties(Duration ttl) {
        return new SecurityProperties(
                ISSUER,
                URI.create(ISSUER + "/oauth2/jwks"),
                "ssn-api",
                Duration.ofSeconds(30),
                "default-src 'none'",
                ttl,
                1024);
    }
}
