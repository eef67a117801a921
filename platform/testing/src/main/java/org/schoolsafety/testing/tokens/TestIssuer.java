package org.schoolsafety.testing.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A real token issuer for tests: an RSA key whose public half is served as a JWKS over HTTP on 127.0.0.1,
 * and signed access tokens in the platform's shape ({@code roles}, {@code org}, audience {@code ssn-api}).
 * It also mints the tokens a client must never get through: forged (signed by another key), expired,
 * from another issuer, for another audience.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "ssn-api";

    private static final TestIssuer SHARED = new TestIssuer();

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            strangerKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate test keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issuer every test context of this JVM trusts. */
    public static TestIssuer shared() {
        return SHARED;
    }

    public String issuer() {
        return issuer;
    }

    public URI jwkSetUri() {
        return URI.create(issuer + "/jwks.json");
    }

    /** A valid token for a caller of the given organisation with the given roles, for 10 minutes. */
    public String token(String organisationId, String... roles) {
        return sign(key, claims(issuer, AUDIENCE, organisationId, roles, Instant.now(), Duration.ofMinutes(10)));
    }

    /** Same claims, signed with a key the issuer never published. */
    public String forged(String organisationId, String... roles) {
        return sign(
                strangerKey, claims(issuer, AUDIENCE, organisationId, roles, Instant.now(), Duration.ofMinutes(10)));
    }

    /** Issued two hours ago, expired one hour ago. */
    public String expired(String organisationId, String... roles) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(key, claims(issuer, AUDIENCE, organisationId, roles, issued, Duration.ofHours(1)));
    }

    /** Signed by this key but naming another issuer. */
    public String fromAnotherIssuer(String organisationId, String... roles) {
        return sign(
                key,
                claims(
                        "https://issuer.elsewhere.example",
                        AUDIENCE,
                        organisationId,
                        roles,
                        Instant.now(),
                        Duration.ofMinutes(10)));
    }

    /** Valid in every way but meant for another API. */
    public String forAnotherAudience(String organisationId, String... roles) {
        return sign(key, claims(issuer, "another-api", organisationId, roles, Instant.now(), Duration.ofMinutes(10)));
    }

    private static JWTClaimsSet claims(
            String issuer, String audience, String organisationId, String[] roles, Instant issuedAt, Duration ttl) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(
                        "test-" + organisationId + "-" + String.join("+", roles).toLowerCase())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("org", organisationId)
                .claim("roles", List.copyOf(Arrays.asList(roles)))
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }
}
