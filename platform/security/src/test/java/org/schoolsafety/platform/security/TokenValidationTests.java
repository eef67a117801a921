package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The framework's own cases for a bearer token, put through the decoders as the platform builds them (Spring
 * Security's Nimbus decoders behind {@link VerifiedTokens}): a valid token is taken every time, and a forged or
 * altered signature, an expired token, another issuer and another audience are refused, remembered or not.
 */
class TokenValidationTests {

    private static final String ISSUER = "https://issuer.example";

    private static final SecurityProperties PROPERTIES = new SecurityProperties(
            ISSUER,
            URI.create(ISSUER + "/oauth2/jwks"),
            "ssn-api",
            Duration.ofSeconds(30),
            "default-src 'none'",
            Duration.ofSeconds(60),
            1024);

    private static final RSAKey KEY = key("signing");
    private static final RSAKey OTHER_KEY = key("signing");

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(RSAKey key, UnaryOperator<JwtClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder valid = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject("state-admin")
                .audience(List.of("ssn-api"))
                .issuedAt(now.minusSeconds(10))
                .expiresAt(now.plusSeconds(3600));
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256)
                                .keyId(key.getKeyID())
                                .build(),
                        claims.apply(valid).build()))
                .getTokenValue();
    }

    private static JwtDecoder decoder() throws Exception {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEY.toPublicKey()).build();
        decoder.setJwtValidator(TokenValidation.validator(PROPERTIES));
        return TokenValidation.remembering(decoder, PROPERTIES);
    }

    private static ReactiveJwtDecoder reactiveDecoder() throws Exception {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEY.toPublicKey())
                .build();
        decoder.setJwtValidator(TokenValidation.validator(PROPERTIES));
        return TokenValidation.remembering(decoder, PROPERTIES);
    }

    @Test
    void aValidTokenIsTakenEachTimeAndAnyOtherRefused() throws Exception {
        JwtDecoder decoder = decoder();
        String valid = token(KEY, claims -> claims);
        for (int i = 0; i < 3; i++) {
            assertThat(decoder.decode(valid).getSubject()).isEqualTo("state-admin");
        }
        assertThatThrownBy(() -> decoder.decode(token(OTHER_KEY, claims -> claims)))
                .as("forged signature")
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(valid.substring(0, valid.length() - 2) + "xx"))
                .as("altered signature")
                .isInstanceOf(BadJwtException.class);
        Instant now = Instant.now();
        assertThatThrownBy(() -> decoder.decode(token(
                        KEY, claims -> claims.issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(60)))))
                .as("expired beyond the skew")
                .isInstanceOf(JwtValidationException.class);
        assertThat(decoder.decode(token(
                                KEY,
                                claims -> claims.issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(10))))
                        .getSubject())
                .as("expired within the skew")
                .isEqualTo("state-admin");
        assertThatThrownBy(() -> decoder.decode(token(KEY, claims -> claims.issuer("https://elsewhere.example"))))
                .as("another issuer")
                .isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token(KEY, claims -> claims.audience(List.of("another-api")))))
                .as("another audience")
                .isInstanceOf(JwtValidationException.class);
    }

    @Test
    void theReactiveDecoderToo() throws Exception {
        ReactiveJwtDecoder decoder = reactiveDecoder();
        String valid = token(KEY, claims -> claims);
        for (int i = 0; i < 3; i++) {
            assertThat(decoder.decode(valid).block().getSubject()).isEqualTo("state-admin");
        }
        assertThatThrownBy(
                        () -> decoder.decode(token(OTHER_KEY, claims -> claims)).block())
                .isInstanceOf(BadJwtException.class);
        Instant now = Instant.now();
        assertThatThrownBy(() -> decoder.decode(token(
                                KEY,
                                claims -> claims.issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(60))))
                        .block())
                .isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token(KEY, claims -> claims.audience(List.of("another-api"))))
                        .block())
                .isInstanceOf(JwtValidationException.class);
    }
}
