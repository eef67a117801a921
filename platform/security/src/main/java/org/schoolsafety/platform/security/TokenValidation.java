package org.schoolsafety.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** What makes a token acceptable, and what it grants: the same for the gateway and every service. */
public final class TokenValidation {

    private TokenValidation() {}

    /** Signature is checked by the decoder; this adds time (with skew), issuer and audience. */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()));
    }

    /**
     * The decoder with a memory of tokens it has verified ({@link VerifiedTokens}), unless the TTL is zero.
     * {@code decoder} must verify and validate in full (signature, then {@link #validator}).
     */
    public static JwtDecoder remembering(JwtDecoder decoder, SecurityProperties properties) {
        if (properties.verifiedTokenTtl().isZero()) {
            return decoder;
        }
        VerifiedTokens tokens = verifiedTokens(properties);
        return token -> {
            Jwt known = tokens.recall(token);
            return known != null ? known : tokens.remember(token, decoder.decode(token));
        };
    }

    /** The same for the reactive gateway. */
    public static ReactiveJwtDecoder remembering(ReactiveJwtDecoder decoder, SecurityProperties properties) {
        if (properties.verifiedTokenTtl().isZero()) {
            return decoder;
        }
        VerifiedTokens tokens = verifiedTokens(properties);
        // recall's null is an empty Mono, its refusal an error one
        return token -> Mono.fromCallable(() -> tokens.recall(token))
                .switchIfEmpty(Mono.defer(() -> decoder.decode(token).map(jwt -> tokens.remember(token, jwt))));
    }

    private static VerifiedTokens verifiedTokens(SecurityProperties properties) {
        return new VerifiedTokens(
                validator(properties),
                properties.verifiedTokenTtl(),
                properties.verifiedTokenCapacity(),
                Clock.systemUTC());
    }

    /** Authorities from the {@code roles} claim ({@code ROLE_<name>}, unknown names ignored); name = subject. */
    public static Converter<Jwt, AbstractAuthenticationToken> authentication() {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        if (roles != null) {
            roles.stream()
                    .map(Role::named)
                    .flatMap(java.util.Optional::stream)
                    .map(role -> new SimpleGrantedAuthority(role.authority()))
                    .forEach(authorities::add);
        }
        return authorities;
    }
}
