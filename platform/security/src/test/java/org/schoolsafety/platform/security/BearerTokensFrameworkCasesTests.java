package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

/**
 * The cases Spring Security's own tests of its bearer-token readers cover, beyond one header value: several
 * {@code Authorization} headers, whitespace around the scheme, a token also in the query or a form body. The
 * platform reads bearer tokens with Spring's converter (gateway) and resolver (servlet services) at their defaults,
 * as its security configurations leave them, and each case gets the answer written here.
 */
class BearerTokensFrameworkCasesTests {

    private static final String MALFORMED = "error invalid_token Bearer token is malformed";

    /** One request: its Authorization headers in order, its query, and an access_token form body (POST) or none. */
    private record Request(List<String> authorization, String query, String formToken) {

        static Request headers(String... values) {
            return new Request(List.of(values), null, null);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no Authorization header", Request.headers(), "no token"),
                Arguments.of("another scheme only", Request.headers("Basic dXNlcjpwYXNz"), "no token"),
                Arguments.of(
                        "every token character and padding",
                        Request.headers("Bearer aZ09-._~+/==="),
                        "token aZ09-._~+/==="),
                Arguments.of("padding inside the token", Request.headers("Bearer abc=x"), MALFORMED),
                Arguments.of("a character outside the token alphabet", Request.headers("Bearer é"), MALFORMED),
                Arguments.of("the scheme with no space", Request.headers("Bearerabc"), MALFORMED),
                Arguments.of("two bearer headers: the first", Request.headers("Bearer aaa", "Bearer bbb"), "token aaa"),
                Arguments.of(
                        "another scheme first: no token",
                        Request.headers("Basic dXNlcjpwYXNz", "Bearer bbb"),
                        "no token"),
                Arguments.of(
                        "another scheme after: the bearer token",
                        Request.headers("Bearer aaa", "Basic dXNlcjpwYXNz"),
                        "token aaa"),
                Arguments.of("a malformed first header", Request.headers("Bearer a b", "Bearer bbb"), MALFORMED),
                Arguments.of("an empty first header", Request.headers("", "Bearer bbb"), "no token"),
                Arguments.of("whitespace before the scheme", Request.headers(" Bearer aaa"), "no token"),
                Arguments.of("whitespace only", Request.headers("   "), "no token"),
                Arguments.of("a tab after the scheme", Request.headers("Bearer\taaa"), MALFORMED),
                Arguments.of("two spaces after the scheme", Request.headers("Bearer  aaa"), MALFORMED),
                Arguments.of("whitespace after the token", Request.headers("Bearer aaa "), MALFORMED),
                Arguments.of("whitespace inside the token", Request.headers("Bearer aa a"), MALFORMED),
                Arguments.of("an empty token", Request.headers("Bearer "), MALFORMED),
                Arguments.of("the scheme alone", Request.headers("Bearer"), MALFORMED),
                Arguments.of("lower-case scheme", Request.headers("bearer aaa"), "token aaa"),
                Arguments.of("upper-case scheme", Request.headers("BEARER aaa"), "token aaa"),
                Arguments.of(
                        "header and query token: the query is not read",
                        new Request(List.of("Bearer aaa"), "access_token=bbb", null),
                        "token aaa"),
                Arguments.of(
                        "query token only: not read", new Request(List.of(), "access_token=bbb", null), "no token"),
                Arguments.of(
                        "two query tokens: not read",
                        new Request(List.of(), "access_token=bbb&access_token=ccc", null),
                        "no token"),
                Arguments.of(
                        "header and form token: the form is not read",
                        new Request(List.of("Bearer aaa"), null, "bbb"),
                        "token aaa"),
                Arguments.of("form token only: not read", new Request(List.of(), null, "bbb"), "no token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gatewayAnswersAsSpringSecuritysConverter(String name, Request request, String expected) {
        assertThat(reactive(new ServerBearerTokenAuthenticationConverter(), request))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void servletServicesAnswerAsSpringSecuritysResolver(String name, Request request, String expected) {
        assertThat(servlet(new DefaultBearerTokenResolver(), request)).isEqualTo(expected);
    }

    private static String reactive(ServerAuthenticationConverter converter, Request request) {
        String uri = "/api/alerts" + (request.query() == null ? "" : "?" + request.query());
        MockServerWebExchange exchange;
        if (request.formToken() == null) {
            MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get(uri);
            request.authorization().forEach(value -> builder.header(HttpHeaders.AUTHORIZATION, value));
            exchange = MockServerWebExchange.from(builder);
        } else {
            MockServerHttpRequest.BodyBuilder builder =
                    MockServerHttpRequest.post(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED);
            request.authorization().forEach(value -> builder.header(HttpHeaders.AUTHORIZATION, value));
            exchange = MockServerWebExchange.from(builder.body("access_token=" + request.formToken()));
        }
        try {
            Authentication authentication = converter.convert(exchange).block();
            return authentication == null
                    ? "no token"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }

    private static String servlet(BearerTokenResolver resolver, Request request) {
        MockHttpServletRequest servlet =
                new MockHttpServletRequest(request.formToken() == null ? "GET" : "POST", "/api/alerts");
        request.authorization().forEach(value -> servlet.addHeader(HttpHeaders.AUTHORIZATION, value));
        if (request.query() != null) {
            servlet.setQueryString(request.query());
            for (String pair : request.query().split("&")) {
                String[] nameAndValue = pair.split("=", -1);
                servlet.addParameter(nameAndValue[0], nameAndValue[1]);
            }
        }
        if (request.formToken() != null) {
            servlet.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
            servlet.setContent(("access_token=" + request.formToken()).getBytes());
            servlet.addParameter("access_token", request.formToken());
        }
        try {
            String token = resolver.resolve(servlet);
            return token == null ? "no token" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
