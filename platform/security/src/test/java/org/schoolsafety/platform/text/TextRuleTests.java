package org.schoolsafety.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRuleTests {

    @Test
    void aLoneSurrogateIsRefused() {
        assertThat(TextRule.violation("Rock\ud800Bridge", 80, false))
                .hasValueSatisfying(why -> assertThat(why).contains("lone UTF-16 surrogate"));
        assertThat(TextRule.violation("end\udc00", 80, true)).isPresent();
    }

    @Test
    void aSurrogatePairIsOneCharacter() {
        assertThat(TextRule.violation("🚨".repeat(5), 5, false)).isEmpty();
        assertThat(TextRule.violation("🚨".repeat(6), 5, false)).hasValue("At most 5 characters; this has 6.");
    }

    @Test
    void nulAndOtherControlsAreRefusedEverywhere() {
        assertThat(TextRule.violation("a\u0000b", 80, true))
                .hasValueSatisfying(why -> assertThat(why).contains("U+0000"));
        assertThat(TextRule.violation("a\u0007b", 80, true)).isPresent();
        assertThat(TextRule.violation("a\u007Fb", 80, true)).isPresent();
        assertThat(TextRule.violation("a\u0085b", 80, true)).isPresent();
        assertThat(TextRule.violation("a\uFFFFb", 80, true)).isPresent();
    }

    @Test
    void lineBreaksAndTabsOnlyInMultiLineFields() {
        assertThat(TextRule.violation("one\r\ntwo\tthree", 80, true)).isEmpty();
        assertThat(TextRule.violation("one\ntwo", 80, false))
                .hasValueSatisfying(why -> assertThat(why).contains("line break"));
        assertThat(TextRule.violation("one\ttwo", 80, false)).isPresent();
    }

    @Test
    void bidirectionalOverridesAndIsolatesAreRefused() {
        for (char c :
                new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            assertThat(TextRule.violation("school" + c + "gpj.exe", 80, true)).isPresent();
        }
    }

    @Test
    void rightToLeftScriptsAndMarksAreText() {
        assertThat(TextRule.violation("مدرسة الأمل \u200F", 80, false)).isEmpty();
        assertThat(TextRule.violation("École Saint-Joseph — 中学", 80, false)).isEmpty();
    }

    @Test
    void theLimitCountsCharacters() {
        assertThat(TextRule.violation("x".repeat(80), 80, false)).isEmpty();
        assertThat(TextRule.violation("x".repeat(81), 80, false)).hasValue("At most 80 characters; this has 81.");
        assertThat(TextRule.violation(null, 1, false)).isEmpty();
    }
}
