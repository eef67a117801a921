package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/** The bearer token is read exactly as Spring Security's own converter reads it, on chosen and on random values. */
class BearerTokensTests {

    private static final ServerAuthenticationConverter SPRING = new ServerBearerTokenAuthenticationConverter();
    private static final ServerAuthenticationConverter OURS = new BearerTokens();
    private static final BearerTokenResolver SPRING_SERVLET = new DefaultBearerTokenResolver();
    private static final BearerTokenResolver OURS_SERVLET = new ServletBearerTokens();

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl-_";

    private static final List<String> CHOSEN = List.of(
            "",
            "Basic dXNlcjpwYXNz",
            "bearer",
            "Bearer",
            "Bearer ",
            "Bearer " + JWT,
            "bearer " + JWT,
            "BEARER " + JWT,
            "BeArEr abc==",
            "Bearer abc=",
            "Bearer abc=x",
            "Bearer ===",
            "Bearer  abc",
            "Bearer\tabc",
            "Bearer abc\n",
            "Bearer abc ",
            "Bearer ab c",
            "Bearerabc",
            "bearers abc",
            "Bearer a+b/c~d_e-f.g",
            "Bearer é",
            "Bearer abc\u0000",
            "Bearer \u212Aelvin");

    @Test
    void chosenValuesGetTheSameAnswerAsFromSpringSecurity() {
        String jwt = JWT;
        for (String value : CHOSEN) {
            assertThat(answer(OURS, value)).as("Authorization: %s", value).isEqualTo(answer(SPRING, value));
        }
        assertThat(answer(OURS, null)).isEqualTo(answer(SPRING, null)).isEqualTo("no token");
        assertThat(answer(OURS, "Bearer " + jwt)).isEqualTo("token " + jwt);
        assertThat(answer(OURS, "Bearer ab c")).startsWith("error invalid_token");
    }

    @Test
    void randomValuesGetTheSameAnswerAsFromSpringSecurity() {
        int tokens = 0;
        int errors = 0;
        for (String value : randomValues()) {
            String expected = answer(SPRING, value);
            assertThat(answer(OURS, value)).as("Authorization: %s", value).isEqualTo(expected);
            tokens += expected.startsWith("token ") ? 1 : 0;
            errors += expected.startsWith("error ") ? 1 : 0;
        }
        // both kinds of answer were compared many times, not only "no token"
        assertThat(tokens).isGreaterThan(500);
        assertThat(errors).isGreaterThan(500);
    }

    /** The servlet services' resolver answers as Spring's default resolver, on the same values. */
    @Test
    void servletResolverGetsTheSameAnswersAsSpringSecurity() {
        List<String> values = new ArrayList<>(CHOSEN);
        values.addAll(randomValues());
        int tokens = 0;
        for (String value : values) {
            String expected = servletAnswer(SPRING_SERVLET, value);
            assertThat(servletAnswer(OURS_SERVLET, value))
                    .as("Authorization: %s", value)
                    .isEqualTo(expected);
            tokens += expected.startsWith("token ") ? 1 : 0;
        }
        assertThat(servletAnswer(OURS_SERVLET, null))
                .isEqualTo(servletAnswer(SPRING_SERVLET, null))
                .isEqualTo("no token");
        assertThat(servletAnswer(OURS_SERVLET, "Bearer " + JWT)).isEqualTo("token " + JWT);
        assertThat(servletAnswer(OURS_SERVLET, "Bearer ab c"))
                .isEqualTo("error invalid_token Bearer token is malformed");
        assertThat(tokens).isGreaterThan(500);
    }

    private static List<String> randomValues() {
        Random random = new Random(20261130);
        String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "bEaReR ", "Basic ", ""};
        String alphabet = "abcXYZ019-._~+/= \t\n=é\u212A%:,\"";
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder value = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                // mostly token characters, so that many values are well formed
                value.append(
                        random.nextInt(4) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : alphabet.charAt(random.nextInt(15)));
            }
            values.add(value.toString());
        }
        return values;
    }

    /** The same three kinds of answer from a servlet resolver. */
    private static String servletAnswer(BearerTokenResolver resolver, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/alerts");
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            String token = resolver.resolve(request);
            return token == null ? "no token" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }

    /** "no token", "token <value>", or "error <code> <description>". */
    private static String answer(ServerAuthenticationConverter converter, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/alerts");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            Authentication authentication =
                    converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null
                    ? "no token"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
