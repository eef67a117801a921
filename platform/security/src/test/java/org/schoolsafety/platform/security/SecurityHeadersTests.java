package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's security headers, as its security chain writes them (Spring Security's header writers, as the
 * platform configures them), are exactly what Spring Security's default writers with that policy send.
 */
class SecurityHeadersTests {

    private static final String POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'none'";

    /** The platform's header configuration, alone in a chain. */
    private static final WebFilterChainProxy PLATFORM = new WebFilterChainProxy(ServerHttpSecurity.http()
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .headers(ReactiveSecurityAutoConfiguration.securityHeaders(POLICY))
            .authorizeExchange(rules -> rules.anyExchange().permitAll())
            .build());

    /** Spring Security's defaults (HeaderSpec), with the policy and no-referrer the platform configured. */
    private static final ServerHttpHeadersWriter SPRING = springDefaults();

    @Test
    void anOrdinaryAnswerGetsEveryHeaderButStrictTransport() {
        Map<String, List<String>> sent = sameAsSpring(() -> get("http://gateway.test/api/alerts"), response -> {});
        assertThat(sent)
                .containsEntry("X-Content-Type-Options", List.of("nosniff"))
                .containsEntry("X-Frame-Options", List.of("DENY"))
                .containsEntry("X-XSS-Protection", List.of("0"))
                .containsEntry("Content-Security-Policy", List.of(POLICY))
                .containsEntry("Referrer-Policy", List.of("no-referrer"))
                .containsEntry("Cache-Control", List.of("no-cache, no-store, max-age=0, must-revalidate"))
                .containsEntry("Pragma", List.of("no-cache"))
                .containsEntry("Expires", List.of("0"))
                .doesNotContainKey("Strict-Transport-Security");
    }

    @Test
    void overHttpsStrictTransportToo() {
        Map<String, List<String>> sent = sameAsSpring(() -> get("https://gateway.test/api/alerts"), response -> {});
        assertThat(sent).containsEntry("Strict-Transport-Security", List.of("max-age=31536000 ; includeSubDomains"));
    }

    @Test
    void aNotModifiedAnswerGetsNoCachingHeaders() {
        Map<String, List<String>> sent = sameAsSpring(
                () -> get("http://gateway.test/feeds/alerts"),
                exchange -> exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED));
        assertThat(sent)
                .doesNotContainKeys("Cache-Control", "Pragma", "Expires")
                .containsKey("X-Frame-Options");
    }

    @Test
    void whatTheServiceSentItselfIsKeptAndSoIsTheRestOfItsGroup() {
        Map<String, List<String>> sent = sameAsSpring(() -> get("http://gateway.test/feeds/alerts"), exchange -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            // lower case, as a service may send it: names compare without case
            headers.set("cache-control", "public, max-age=60");
            headers.set("content-security-policy", "default-src 'none'");
            headers.set("X-Frame-Options", "SAMEORIGIN");
        });
        assertThat(sent)
                .containsEntry("Cache-Control", List.of("public, max-age=60"))
                .doesNotContainKeys("Pragma", "Expires")
                .containsEntry("Content-Security-Policy", List.of("default-src 'none'"))
                .containsEntry("X-Frame-Options", List.of("SAMEORIGIN"))
                .containsEntry("Referrer-Policy", List.of("no-referrer"));
    }

    /**
     * Answers two exchanges set up alike, one through the platform's chain, one with Spring's default writers; their
     * headers must be the same. Returns the platform's.
     */
    private static Map<String, List<String>> sameAsSpring(
            Supplier<MockServerWebExchange> exchanges, Consumer<ServerWebExchange> answer) {
        MockServerWebExchange spring = exchanges.get();
        MockServerWebExchange ours = exchanges.get();
        answer.accept(spring);
        SPRING.writeHttpHeaders(spring).block();
        PLATFORM.filter(ours, exchange -> {
                    answer.accept(exchange);
                    return exchange.getResponse().setComplete();
                })
                .block();
        Map<String, List<String>> expected = byName(spring.getResponse().getHeaders());
        Map<String, List<String>> actual = byName(ours.getResponse().getHeaders());
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    private static Map<String, List<String>> byName(HttpHeaders headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(byName::put);
        return byName;
    }

    private static MockServerWebExchange get(String url) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(url));
    }

    private static ServerHttpHeadersWriter springDefaults() {
        ContentSecurityPolicyServerHttpHeadersWriter csp = new ContentSecurityPolicyServerHttpHeadersWriter();
        csp.setPolicyDirectives(POLICY);
        ReferrerPolicyServerHttpHeadersWriter referrer = new ReferrerPolicyServerHttpHeadersWriter();
        referrer.setPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER);
        // HeaderSpec's order; its feature, permissions and cross-origin writers send nothing unless configured
        return new CompositeServerHttpHeadersWriter(
                new CacheControlServerHttpHeadersWriter(),
                new ContentTypeOptionsServerHttpHeadersWriter(),
                new StrictTransportSecurityServerHttpHeadersWriter(),
                new XFrameOptionsServerHttpHeadersWriter(),
                new XXssProtectionServerHttpHeadersWriter(),
                csp,
                referrer);
    }
}
