package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The platform leaves Spring Security's strict firewalls at their defaults (it defines no firewall bean): a header
 * name or value with a control or unassigned character is refused, a tab is allowed in a value, and a header the
 * request lacks is no reason to refuse it.
 */
class HeaderFirewallTests {

    @Test
    void servletFirewallRefusesControlCharacters() {
        HttpFirewall firewall = new StrictHttpFirewall();
        assertThat(servletAnswer(firewall, "Bearer abc\u0007")).isEqualTo("refused");
        assertThat(servletAnswer(firewall, "Bearer abc\u0000")).isEqualTo("refused");
        assertThat(servletAnswer(firewall, "a\u0378")).isEqualTo("refused");
        assertThat(servletAnswer(firewall, "Bearer abc")).isEqualTo("Bearer abc");
        assertThat(servletAnswer(firewall, "a\tb")).isEqualTo("a\tb");
        assertThat(servletAnswer(firewall, "caf\u00e9 \uD83D\uDEA8")).isEqualTo("caf\u00e9 \uD83D\uDEA8");
        MockHttpServletRequest without = new MockHttpServletRequest("GET", "/api/alerts");
        assertThat(firewall.getFirewalledRequest(without).getHeader("Authorization"))
                .isNull();
    }

    @Test
    void reactiveFirewallRefusesControlCharacters() {
        ServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        assertThat(reactiveAnswer(firewall, "Bearer abc\u0007")).isEqualTo("refused");
        assertThat(reactiveAnswer(firewall, "Bearer abc\u0000")).isEqualTo("refused");
        assertThat(reactiveAnswer(firewall, "a\u0378")).isEqualTo("refused");
        assertThat(reactiveAnswer(firewall, "Bearer abc")).isEqualTo("Bearer abc");
        assertThat(reactiveAnswer(firewall, "a\tb")).isEqualTo("a\tb");
        assertThat(reactiveAnswer(firewall, "caf\u00e9 \uD83D\uDEA8")).isEqualTo("caf\u00e9 \uD83D\uDEA8");
        // reading a header the request lacks is no reason to refuse it (every request without a token does)
        MockServerWebExchange without = MockServerWebExchange.from(MockServerHttpRequest.get("/api/alerts"));
        assertThat(firewall.getFirewalledExchange(without)
                        .block()
                        .getRequest()
                        .getHeaders()
                        .getFirst("Authorization"))
                .isNull();
    }

    @Test
    void theRulesForNamesAndValues() {
        Predicate<String> names = StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES;
        Predicate<String> values = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES;
        assertThat(values.test("Bearer eyJ.abc-_")).isTrue();
        assertThat(values.test("a\u0000b")).isFalse();
        assertThat(values.test("\u007f")).isFalse();
        assertThat(values.test("\t")).isTrue();
        assertThat(names.test("\t")).isFalse();
        assertThat(values.test(null)).isTrue();
        assertThat(names.test(null)).isTrue();
    }

    private static String servletAnswer(HttpFirewall firewall, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/alerts");
        request.addHeader("X-Test", value);
        try {
            return firewall.getFirewalledRequest(request).getHeader("X-Test");
        } catch (RequestRejectedException e) {
            return "refused";
        }
    }

    private static String reactiveAnswer(ServerWebExchangeFirewall firewall, String value) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/alerts").header("X-Test", value));
        try {
            return firewall.getFirewalledExchange(exchange)
                    .block()
                    .getRequest()
                    .getHeaders()
                    .getFirst("X-Test");
        } catch (ServerExchangeRejectedException e) {
            return "refused";
        }
    }
}
