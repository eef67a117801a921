package org.schoolsafety.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The servlet services' reading of the bearer token: the same answers as Spring Security's {@code
 * DefaultBearerTokenResolver} as the platform configures it (the {@code Authorization} header only, never the
 * query or a form body), by the scan of {@link BearerTokens} instead of its regular expression (why: see there).
 */
final class ServletBearerTokens implements BearerTokenResolver {

    @Override
    public String resolve(HttpServletRequest request) {
        return BearerTokens.read(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
}
