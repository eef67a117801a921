package org.schoolsafety.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.schoolsafety.platform.security.SignedLinks.Refusal;
import org.schoolsafety.platform.security.SignedLinks.RefusedException;

class SignedLinksTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-04-14T19:00:00Z");

    private final SignedLinks links = new SignedLinks(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aProducerKnowsHowLongATokenWillBeSoItCanLeaveRoomForIt() {
        for (String subject : java.util.List.of("4f8c1d1e-9c1b-3f4e-8a71-2b0d6f3e9a10", "a", "ab", "abc", "ep-é")) {
            assertThat(links.sign("acknowledge", subject, Duration.ofDays(30)))
                    .hasSize(SignedLinks.tokenLength(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void aTokenNamesItsSubjectForItsPurposeUntilItExpires() {
        String token = links.sign("verify", "ep-7f3a", Duration.ofDays(7));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.\\d+\\.[A-Za-z0-9_-]+");
        assertThat(links.verify("verify", token)).isEqualTo("ep-7f3a");

        SignedLinks later = new SignedLinks(KEY, Clock.fixed(NOW.plus(Duration.ofDays(7)), ZoneOffset.UTC));
        assertRefused(() -> later.verify("verify", token), Refusal.EXPIRED);
    }

    @Test
    void anotherPurposeAnotherKeyOrAnyChangedPartIsRefused() {
        String token = links.sign("verify", "ep-7f3a", Duration.ofDays(7));
        assertRefused(() -> links.verify("unsubscribe", token), Refusal.FORGED);
        SignedLinks otherKey = new SignedLinks(
                "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        assertRefused(() -> otherKey.verify("verify", token), Refusal.FORGED);

        String[] parts = token.split("\\.");
        String otherSubject = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("ep-0000".getBytes());
        assertRefused(() -> links.verify("verify", otherSubject + "." + parts[1] + "." + parts[2]), Refusal.FORGED);
        long longer = Long.parseLong(parts[1]) + 86_400;
        assertRefused(() -> links.verify("verify", parts[0] + "." + longer + "." + parts[2]), Refusal.FORGED);
    }

    /** One instance signs for every delivery thread at once: each token is the one a lone thread would make. */
    @Test
    void tokensSignedOnManyThreadsAtOnceAreTheSameAsOneAtATime() throws Exception {
        java.util.List<String> subjects = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> "delivery-" + i)
                .toList();
        java.util.List<String> alone = subjects.stream()
                .map(subject -> links.sign("acknowledge", subject, Duration.ofDays(30)))
                .toList();
        java.util.List<String> together;
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.List<java.util.concurrent.Future<String>> signed = new java.util.ArrayList<>();
            for (String subject : subjects) {
                signed.add(threads.submit(() -> links.sign("acknowledge", subject, Duration.ofDays(30))));
            }
            together = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> token : signed) {
                together.add(token.get());
            }
        }
        assertThat(together).isEqualTo(alone);
        assertThat(links.verify("acknowledge", together.get(1_234))).isEqualTo("delivery-1234");
    }

    @Test
    void garbageIsMalformedNotAnError() {
        for (String garbage :
                new String[] {"", "abc", "a.b", "a.b.c.d", "a.notanumber.c", "a.1.%%%", "x".repeat(2000)}) {
            assertRefused(() -> links.verify("verify", garbage), Refusal.MALFORMED);
        }
        assertRefused(() -> links.verify("verify", null), Refusal.MALFORMED);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedLinks(new byte[16], Clock.systemUTC()));
    }

    private static void assertRefused(Runnable check, Refusal refusal) {
        assertThatThrownBy(check::run)
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).refusal())
                .isEqualTo(refusal);
    }
}
