package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/** The firewall's header rules, without regular expressions, accept and refuse exactly what Spring's accept. */
class HeaderCharactersTests {

    @Test
    void everyCodePointAloneGetsSpringsAnswer() {
        int refusedNames = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            // lone surrogates included: a header value is a Java string and may hold one
            String text = Character.toString(codePoint);
            boolean name = StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text);
            assertThat(HeaderCharacters.NAMES.test(text))
                    .as("name U+%04X", codePoint)
                    .isEqualTo(name);
            assertThat(HeaderCharacters.VALUES.test(text))
                    .as("value U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
            refusedNames += name ? 0 : 1;
        }
        // controls and the unassigned: hundreds of thousands refused, the rest allowed
        assertThat(refusedNames).isBetween(100_000, 1_000_000);
        assertThat(HeaderCharacters.VALUES.test("\t")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("\t")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("\u007f")).isFalse();
    }

    @Test
    void randomStringsGetSpringsAnswer() {
        int refused = 0;
        for (String text : randomTexts()) {
            boolean value = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text);
            assertThat(HeaderCharacters.VALUES.test(text))
                    .as("value %s", escaped(text))
                    .isEqualTo(value);
            assertThat(HeaderCharacters.NAMES.test(text))
                    .as("name %s", escaped(text))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
            refused += value ? 0 : 1;
        }
        assertThat(refused).isBetween(300, 2_000);
    }

    /** The servlet firewall the platform configures refuses a header exactly when Spring's default one does. */
    @Test
    void servletFirewallRefusesWhatSpringsRefuses() {
        HttpFirewall spring = new StrictHttpFirewall();
        HttpFirewall ours = HeaderCharacters.servletFirewall();
        for (String text : randomTexts().subList(0, 1_000)) {
            assertThat(servletAnswer(ours, text)).as(escaped(text)).isEqualTo(servletAnswer(spring, text));
        }
        assertThat(servletAnswer(ours, "Bearer abc\u0007")).isEqualTo("refused");
        assertThat(servletAnswer(ours, "Bearer abc")).isEqualTo("Bearer abc");
        MockHttpServletRequest without = new MockHttpServletRequest("GET", "/api/alerts");
        assertThat(ours.getFirewalledRequest(without).getHeader("Authorization"))
                .isNull();
    }

    /** So does the gateway's. */
    @Test
    void reactiveFirewallRefusesWhatSpringsRefuses() {
        ServerWebExchangeFirewall spring = new StrictServerWebExchangeFirewall();
        ServerWebExchangeFirewall ours = HeaderCharacters.reactiveFirewall();
        for (String text : randomTexts().subList(0, 1_000)) {
            assertThat(reactiveAnswer(ours, text)).as(escaped(text)).isEqualTo(reactiveAnswer(spring, text));
        }
        assertThat(reactiveAnswer(ours, "Bearer abc\u0007")).isEqualTo("refused");
        assertThat(reactiveAnswer(ours, "Bearer abc")).isEqualTo("Bearer abc");
        // reading a header the request lacks is no reason to refuse it (every request without a token does)
        MockServerWebExchange without = MockServerWebExchange.from(MockServerHttpRequest.get("/api/alerts"));
        assertThat(ours.getFirewalledExchange(without)
                        .block()
                        .getRequest()
                        .getHeaders()
                        .getFirst("Authorization"))
                .isNull();
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

    /** Mostly printable text with now and then a tab, a control, an unassigned code point or a lone surrogate. */
    private static List<String> randomTexts() {
        Random random = new Random(20261130);
        int[] rare = {
            '\t', 0x00, 0x0A, 0x0D, 0x1F, 0x7F, 0x85, 0x9F, 0xE9, 0x2028, 0x0378, 0xFFFF, 0xD800, 0xDC00, 0x1F6A8,
            0x10FFFF, 0xE0001, 0x212A
        };
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.appendCodePoint(
                        random.nextInt(60) == 0 ? rare[random.nextInt(rare.length)] : 0x20 + random.nextInt(0x5f));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : "\\u{%X}".formatted(cp)));
        return out.toString();
    }

    @Test
    void predicatesAreTheRulesNotAlwaysTrue() {
        Predicate<String> values = HeaderCharacters.VALUES;
        assertThat(values.test("Bearer eyJ.abc-_")).isTrue();
        assertThat(values.test("caf\u00e9 \uD83D\uDEA8")).isTrue();
        assertThat(values.test("a\u0000b")).isFalse();
        assertThat(values.test("a\u0378")).isFalse();
        // a header the request does not have: Spring's rules let it pass, and so must these
        assertThat(values.test(null))
                .isTrue()
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null));
        assertThat(HeaderCharacters.NAMES.test(null))
                .isTrue()
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null));
    }
}
