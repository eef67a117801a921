package org.schoolsafety.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token of a request (RFC 6750 §2.1), read as Spring Security's {@code
 * ServerBearerTokenAuthenticationConverter} reads it, without its regular expression.
 *
 * <p>Why hand-written: that expression matches every token character through a case-insensitive character class,
 * on every request (its cost: docs/performance.md).
 *
 * <p>Same answers: no {@code Authorization} header, or one that does not start with
 * {@code bearer} in any case, is no token (the request is anonymous); {@code Bearer } (any case, one space) and a
 * token of {@code A-Z a-z 0-9 - . _ ~ + /} followed by any number of {@code =} is the token; anything else
 * starting with {@code bearer} is an {@code invalid_token} error. Tokens in the query are not read (nor were
 * they).
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token;
        try {
            token = read(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        } catch (OAuth2AuthenticationException e) {
            return Mono.error(e);
        }
        return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /**
     * The token of an {@code Authorization} header value: {@code null} when there is no header or it does not
     * start with {@code bearer} (in any case).
     *
     * @throws OAuth2AuthenticationException ({@code invalid_token}) when it starts so but is not a bearer token
     */
    static String read(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, "bearer".length())) {
            return null;
        }
        String token = token(authorization);
        if (token == null) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return token;
    }

    /** The token of an {@code Authorization} value, or {@code null} when it is not a well-formed bearer token. */
    static String token(String authorization) {
        int start = SCHEME.length();
        if (!authorization.regionMatches(true, 0, SCHEME, 0, start)) {
            return null;
        }
        int end = authorization.length();
        int at = start;
        while (at < end && tokenCharacter(authorization.charAt(at))) {
            at++;
        }
        if (at == start) {
            return null;
        }
        while (at < end && authorization.charAt(at) == '=') {
            at++;
        }
        return at == end ? authorization.substring(start) : null;
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
