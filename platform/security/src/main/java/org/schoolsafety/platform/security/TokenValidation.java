package org.schoolsafety.platform.security;

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
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

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
