package org.schoolsafety.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.schoolsafety.delivery.sms.SmsSegments.Encoding;

class SmsSegmentsTests {

    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair

    @Test
    void gsm7FitsOneHundredAndSixtyCharactersInOneSegmentAndOneHundredAndFiftyThreeInEachAfter() {
        assertThat(SmsSegments.count("")).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 0, 0));
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(459)).segments()).isEqualTo(3);
        assertThat(SmsSegments.count("a".repeat(460)).segments()).isEqualTo(4);
    }

    @Test
    void theWholeGsmBasicAlphabetIsGsm7() {
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        assertThat(basic).hasSize(127);
        assertThat(SmsSegments.count(basic)).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 127, 1));
    }

    @Test
    void extensionCharactersCostTwoSeptetsAndAreNeverSplitAcrossSegments() {
        assertThat(SmsSegments.count("^{}\\[~]|€\f")).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 20, 1));
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 162, 2));
        // 306 septets would be two segments of 153, but the euro does not fit in the first one's last septet
        String straddling = "a".repeat(152) + "€" + "a".repeat(152);
        assertThat(SmsSegments.count(straddling)).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 306, 3));
    }

    @Test
    void aCharacterOutsideTheGsmAlphabetMakesTheWholeTextUcs2() {
        // lower-case c cedilla is not in GSM 03.38 (only the capital is)
        assertThat(SmsSegments.count("Français")).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 8, 1));
        assertThat(SmsSegments.count("Ж".repeat(70))).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 70, 1));
        assertThat(SmsSegments.count("Ж".repeat(71))).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 71, 2));
        assertThat(SmsSegments.count("Ж".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("Ж".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void anEmojiIsTwoCodeUnitsAndItsSurrogatePairIsNeverSplit() {
        assertThat(SmsSegments.count(EMOJI)).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 2, 1));
        assertThat(SmsSegments.count("Lockdown " + EMOJI).encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.count(EMOJI.repeat(35))).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 70, 1));
        assertThat(SmsSegments.count(EMOJI.repeat(36))).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 72, 2));
        // 134 code units would be two segments of 67, but the pair does not fit in the first one's last unit
        String straddling = "Ж".repeat(66) + EMOJI + "Ж".repeat(66);
        assertThat(SmsSegments.count(straddling)).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 134, 3));
    }

    @Test
    void aTextThatFitsIsLeftAlone() {
        SmsSegments.Fitted fitted = SmsSegments.fit("Shelter in place.", 4);
        assertThat(fitted.text()).isEqualTo("Shelter in place.");
        assertThat(fitted.cut()).isFalse();
        assertThat(SmsSegments.fit("a".repeat(612), 4).cut()).isFalse();
    }

    @Test
    void aLongGsmTextIsCutToTheMaximumWithThreeDotsAndStaysGsm7() {
        SmsSegments.Fitted fitted = SmsSegments.fit("a".repeat(1000), 4);
        assertThat(fitted.cut()).isTrue();
        assertThat(fitted.originalSegments()).isEqualTo(7);
        assertThat(fitted.text()).isEqualTo("a".repeat(609) + "...").hasSize(612);
        assertThat(fitted.count()).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 612, 4));

        SmsSegments.Fitted single = SmsSegments.fit("a".repeat(200), 1);
        assertThat(single.text()).isEqualTo("a".repeat(157) + "...");
        assertThat(single.count().segments()).isEqualTo(1);
    }

    @Test
    void aCutFallsOnAWordBoundaryWhenOneIsNear() {
        SmsSegments.Fitted fitted = SmsSegments.fit("Evacuate now. ".repeat(30), 1);
        assertThat(fitted.text()).endsWith("now....").doesNotContain("  ");
        assertThat(fitted.count().units()).isLessThanOrEqualTo(160);
        assertThat(fitted.text().substring(0, fitted.text().length() - 3)).endsWith("Evacuate now.");
    }

    @Test
    void aLongUcs2TextIsCutWithAnEllipsisAndNeverHalfAnEmoji() {
        SmsSegments.Fitted fitted = SmsSegments.fit(EMOJI.repeat(200), 2);
        assertThat(fitted.text()).isEqualTo(EMOJI.repeat(66) + "…");
        assertThat(fitted.count()).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 133, 2));
        assertThat(fitted.text().codePoints()).noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);

        for (int max = 1; max <= 4; max++) {
            SmsSegments.Fitted mixed = SmsSegments.fit(("Gefahr " + EMOJI + " Schule ").repeat(60), max);
            assertThat(mixed.count().segments()).as("max %d", max).isEqualTo(max);
            assertThat(mixed.text().codePoints()).noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
            assertThat(mixed.text()).endsWith("…");
        }
    }

    @Test
    void extensionCharactersAtTheCutStillFit() {
        for (int max = 1; max <= 4; max++) {
            SmsSegments.Fitted fitted = SmsSegments.fit("€[]".repeat(400), max);
            assertThat(fitted.count().encoding()).isEqualTo(Encoding.GSM_7);
            assertThat(fitted.count().segments()).as("max %d", max).isEqualTo(max);
            assertThat(fitted.text()).endsWith("...");
        }
    }
}
