package org.schoolsafety.alert.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages built in code: what {@link CapXml#write} makes of them, checked against the XSD and read back. */
class CapWriterTests {

    @Test
    void messageWithEveryFieldAndAwkwardTextIsWrittenValidAndReadBackEqual() {
        CapMessage message = Messages.everyField();

        String written = CapXml.write(message);

        XsdCheck.assertValid(written);
        assertThat(written)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("]]&gt;", "&lt;now&gt; &amp;", "&#13;\n")
                .doesNotContain("]]>");
        assertThat(CapXml.read(written.getBytes(UTF_8))).isEqualTo(message);
    }

    @Test
    void absentAndEmptyOptionalFieldsAreLeftOut() {
        var message = Messages.alert("Actual", "", List.of(Messages.lockdown("", "", null)));

        String written = CapXml.write(message);

        XsdCheck.assertValid(written);
        assertThat(written)
                .doesNotContain("<language>", "<source>", "<note>", "<headline>", "<code>", "<area>")
                .contains("<info><category>Safety</category><event>Lockdown</event><urgency>");
        CapMessage read = CapXml.read(written.getBytes(UTF_8));
        assertThat(read.note()).isNull();
        assertThat(read.infos().getFirst().headline()).isNull();
        assertThat(read.infos().getFirst().language()).isNull();
    }

    @Test
    void utcInstantIsWrittenWithPlusZeroOffsetAndWithoutFractionOfASecond() {
        var withNanos = OffsetDateTime.of(2024, 3, 1, 14, 5, 9, 123_456_789, ZoneOffset.UTC);

        String written = CapXml.write(Messages.sentAt(withNanos));

        XsdCheck.assertValid(written);
        assertThat(written).contains("<sent>2024-03-01T14:05:09+00:00</sent>");
        assertThat(CapXml.read(written.getBytes(UTF_8)).sent()).isEqualTo(withNanos.withNano(0));
    }

    @Test
    void offsetOfTheSenderSurvivesARoundTrip() {
        var eastern = OffsetDateTime.of(2024, 11, 3, 1, 30, 0, 0, ZoneOffset.ofHours(-5));

        String written = CapXml.write(Messages.sentAt(eastern));

        XsdCheck.assertValid(written);
        assertThat(written).contains("<sent>2024-11-03T01:30:00-05:00</sent>");
        assertThat(CapXml.read(written.getBytes(UTF_8)).sent()).isEqualTo(eastern);
    }

    @Test
    void offsetWithSecondsIsWrittenAsTheSameInstantInUtc() {
        var localMeanTime = OffsetDateTime.of(1900, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 17, 30));

        String written = CapXml.write(Messages.sentAt(localMeanTime));

        XsdCheck.assertValid(written);
        assertThat(written).contains("<sent>1900-01-01T11:42:30+00:00</sent>");
    }

    @Test
    void valueOutsideACapVocabularyIsRefusedOnWrite() {
        var lowercase = Messages.alert("actual", null, null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CapXml.write(lowercase))
                .withMessageContaining("<status> \"actual\"");
    }

    @Test
    void altitudeThatIsNotADecimalIsRefusedOnWrite() {
        var area = new CapArea("Gym", null, null, null, "1e3", null);
        var message = Messages.alert("Actual", null, List.of(Messages.lockdown(null, null, List.of(area))));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CapXml.write(message))
                .withMessageContaining("<altitude> \"1e3\"");
    }

    @Test
    void characterXmlCannotCarryIsRefusedOnWriteNamingTheElement() {
        var message = Messages.alert("Actual", "bell\u0007", null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CapXml.write(message))
                .withMessageContaining("<note> holds U+0007");
    }
}
