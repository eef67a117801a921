package org.schoolsafety.platform.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's firewall rules for header names and values, without its regular expressions. Its strict
 * firewalls check every header a filter reads, each time it is read, against {@code
 * [\p{IsAssigned}&&[^\p{IsControl}]]*} (names) and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (values),
 * code point by code point.
 *
 * <p>Why hand-written: a bearer token is long and read several times per request, each read a regular-expression
 * match over every code point (its cost: docs/performance.md).
 *
 * <p>Same rules: a name passes when every code point is assigned in Unicode and not a control character
 * (general category Cc); a value passes under the same rule, the tab also allowed. Printable ASCII passes at once.
 * No text at all ({@code null}: the gateway's firewall asks about headers the request does not have) passes, as
 * with Spring's rules.
 */
final class HeaderCharacters {

    static final Predicate<String> NAMES = name -> allowed(name, false);

    static final Predicate<String> VALUES = value -> allowed(value, true);

    private HeaderCharacters() {}

    /** The servlet services' firewall: Spring's strict one, with these two rules. */
    static StrictHttpFirewall servletFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }

    /** The gateway's firewall: Spring's strict one, with these two rules. */
    static StrictServerWebExchangeFirewall reactiveFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        int at = 0;
        while (at < length) {
            char c = text.charAt(at);
            if (c >= 0x20 && c < 0x7f) {
                at++;
                continue;
            }
            int codePoint = text.codePointAt(at);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            at += Character.charCount(codePoint);
        }
        return true;
    }
}
