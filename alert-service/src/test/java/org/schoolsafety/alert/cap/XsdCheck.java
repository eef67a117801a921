package org.schoolsafety.alert.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD;
import static javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA;
import static javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/**
 * Validates XML against the OASIS CAP 1.2 XSD on its own, not through the code under test, so that "what we write is
 * valid CAP" does not rest on the reader agreeing with the writer.
 */
final class XsdCheck {

    private static final Schema SCHEMA = compile();

    private XsdCheck() {}

    static void assertValid(String xml) {
        try {
            Validator validator = SCHEMA.newValidator();
            validator.setProperty(ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(UTF_8))));
        } catch (SAXException e) {
            throw new AssertionError("not valid against CAP-v1.2.xsd: " + e.getMessage() + "\n" + xml, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema compile() {
        try (InputStream xsd = XsdCheck.class.getResourceAsStream("/cap/CAP-v1.2.xsd")) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(FEATURE_SECURE_PROCESSING, true);
            return factory.newSchema(new StreamSource(xsd));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
