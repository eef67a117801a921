package org.schoolsafety.alert.cap;

import static javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD;
import static javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA;
import static javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The OASIS CAP 1.2 XSD, compiled once: a {@link Schema} is immutable and thread-safe, and compiling it is the
 * expensive part of validation. The factory may not reach outside the class path (the XSD imports nothing), and the
 * JDK's own implementation is used so that a schema library on the class path cannot change the behaviour.
 */
final class CapSchema {

    static final String RESOURCE = "/cap/CAP-v1.2.xsd";

    static final Schema SCHEMA = load();

    private CapSchema() {}

    private static Schema load() {
        URL xsd = CapSchema.class.getResource(RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        try (InputStream in = xsd.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the CAP 1.2 XSD " + RESOURCE + " cannot be compiled", e);
        }
    }
}
