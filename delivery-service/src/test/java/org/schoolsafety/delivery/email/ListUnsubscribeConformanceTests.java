package org.schoolsafety.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.delivery.email.EmailMessagesTests.SESSION;
import static org.schoolsafety.delivery.email.EmailMessagesTests.TO;
import static org.schoolsafety.delivery.email.EmailMessagesTests.messages;
import static org.schoolsafety.delivery.email.EmailMessagesTests.request;
import static org.schoolsafety.delivery.email.EmailMessagesTests.roundTrip;
import static org.schoolsafety.delivery.email.EmailMessagesTests.text;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.schoolsafety.events.vocabulary.Feed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} headers read by a mail client's rules: a reader of
 * both headers is first held to the list-unsubscribe conformance fixtures (src/test/resources/rfc8058, see its
 * SOURCE.md), then reads a bulletin's and an advisory's headers as RFC 8058 one-click unsubscription to the same
 * link the text offers, and without an HTTPS link, as a plain link and not one-click.
 */
class ListUnsubscribeConformanceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<String> FIXTURES = List.of(
            "angle-bracket-whitespace-quirks",
            "empty-header",
            "http-fallback-when-no-mailto",
            "http-scheme-case-insensitive",
            "mailto-with-subject-and-body-drops-body",
            "mailto-with-subject",
            "malformed-url-returns-none",
            "multiple-https-returns-first",
            "rfc2369-both-prefer-mailto",
            "rfc2369-https-only",
            "rfc2369-mailto-only",
            "rfc8058-one-click-basic",
            "rfc8058-one-click-case-insensitive",
            "rfc8058-post-without-https-falls-back");

    /** What a client makes of the two headers: the fixtures' {@code expected} object. */
    record Reading(String kind, String url, String address, String subject) {}

    @ParameterizedTest
    @MethodSource("fixtures")
    void theReaderAgreesWithEveryConformanceFixture(String name) throws IOException {
        JsonNode fixture = fixture(name);
        JsonNode input = fixture.get("input");
        JsonNode post = input.get("list_unsubscribe_post");
        Reading read =
                read(input.get("list_unsubscribe").asString(), post == null || post.isNull() ? null : post.asString());

        JsonNode expected = fixture.get("expected");
        assertThat(read.kind()).as(name).isEqualTo(expected.get("kind").asString());
        assertThat(read.url()).as(name).isEqualTo(field(expected, "url"));
        assertThat(read.address()).as(name).isEqualTo(field(expected, "address"));
        assertThat(read.subject()).as(name).isEqualTo(field(expected, "subject"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Feed.class,
            names = {"WEEKLY_BULLETIN", "CYBER_ADVISORIES"})
    void aBulletinsAndAnAdvisorysHeadersReadAsOneClickToTheLinkTheTextOffers(Feed feed) throws Exception {
        MimeMessage parsed = roundTrip(messages("https://alerts.schoolsafety.example")
                .build(SESSION, request(feed, "This week", "Hello.", "<p>Hello.</p>"), TO));

        Reading read = read(parsed.getHeader("List-Unsubscribe")[0], parsed.getHeader("List-Unsubscribe-Post")[0]);

        assertThat(read.kind()).isEqualTo("OneClick");
        assertThat(read.url()).startsWith("https://alerts.schoolsafety.example/public/unsubscribe/");
        assertThat(text(parsed)).contains("Unsubscribe: " + read.url());
        assertThat(parsed.getHeader("List-Unsubscribe-Post")[0])
                .as("the one-click fixture's exact header")
                .isEqualTo(fixture("rfc8058-one-click-basic")
                        .at("/input/list_unsubscribe_post")
                        .asString());
    }

    @ParameterizedTest
    @EnumSource(
            value = Feed.class,
            names = {"WEEKLY_BULLETIN", "CYBER_ADVISORIES"})
    void withoutAnHttpsLinkTheHeaderReadsAsAPlainLinkNotOneClick(Feed feed) throws Exception {
        MimeMessage parsed = roundTrip(
                messages("http://localhost:8080").build(SESSION, request(feed, "This week", "Hello.", null), TO));

        Reading read = read(parsed.getHeader("List-Unsubscribe")[0], null);

        assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(read.kind()).isEqualTo("HttpLink");
        assertThat(read.url()).startsWith("http://localhost:8080/public/unsubscribe/");
    }

    static Stream<String> fixtures() {
        return FIXTURES.stream();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ListUnsubscribeConformanceTests.class.getResourceAsStream("/rfc8058/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static String field(JsonNode expected, String name) {
        JsonNode value = expected.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    /**
     * A client's reading (RFC 2369, RFC 8058 section 3.2): the header's {@code <...>} URIs in order; one-click when
     * the Post header says {@code List-Unsubscribe=One-Click} (any case) and there is an HTTPS URI; otherwise the
     * first mailto, else the first HTTP(S) link. URIs that do not parse, or name no host, are skipped.
     */
    static Reading read(String listUnsubscribe, String listUnsubscribePost) {
        List<URI> mailtos = new ArrayList<>();
        List<URI> links = new ArrayList<>();
        for (String item : listUnsubscribe.split(",")) {
            String trimmed = item.strip();
            if (!trimmed.startsWith("<") || !trimmed.endsWith(">")) {
                continue;
            }
            try {
                URI uri = new URI(trimmed.substring(1, trimmed.length() - 1).strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (scheme.equals("mailto")) {
                    mailtos.add(uri);
                } else if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                    links.add(new URI(scheme + uri.toString().substring(scheme.length())));
                }
            } catch (URISyntaxException malformed) {
                // skipped, as a client skips it
            }
        }
        URI https = links.stream()
                .filter(uri -> uri.getScheme().equals("https"))
                .findFirst()
                .orElse(null);
        if (https != null
                && listUnsubscribePost != null
                && listUnsubscribePost.strip().equalsIgnoreCase("List-Unsubscribe=One-Click")) {
            return new Reading("OneClick", https.toString(), null, null);
        }
        if (!mailtos.isEmpty()) {
            String mailto = mailtos.getFirst().getSchemeSpecificPart();
            int query = mailto.indexOf('?');
            String subject = null;
            if (query >= 0) {
                for (String pair : mailto.substring(query + 1).split("&")) {
                    if (pair.toLowerCase(Locale.ROOT).startsWith("subject=")) {
                        subject = URLDecoder.decode(pair.substring("subject=".length()), StandardCharsets.UTF_8);
                    }
                }
            }
            return new Reading("Mailto", null, query < 0 ? mailto : mailto.substring(0, query), subject);
        }
        if (!links.isEmpty()) {
            return new Reading("HttpLink", links.getFirst().toString(), null, null);
        }
        return new Reading("None", null, null, null);
    }
}
