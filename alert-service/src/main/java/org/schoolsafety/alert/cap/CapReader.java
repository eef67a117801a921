package org.schoolsafety.alert.cap;

import static javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD;
import static javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA;
import static javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns bytes from outside into a {@link CapMessage} or a {@link CapRejected}. The checks run from cheapest and most
 * dangerous to most particular: size, DOCTYPE (refused outright, so no entity is ever expanded and no DTD fetched),
 * well-formedness, the root element, then the XSD.
 *
 * <p>The XSD is checked during the same parse that builds the DOM, so that a schema error keeps its line number. The
 * first schema error is held back until the root element has been looked at: an Atom feed or a CAP 1.1 alert is then
 * refused as what it is, not as "cannot find the declaration of element".
 */
final class CapReader {

    static final int MAX_BYTES = 1024 * 1024;

    /** Parser messages can quote input; a reason stays one readable sentence. */
    private static final int MAX_DETAIL = 300;

    private static final String CAP_QUALIFIER = "\"" + CapXml.NAMESPACE + "\":";

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private CapReader() {}

    static CapMessage read(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length > MAX_BYTES) {
            throw new CapRejected("larger than 1 MiB (" + xml.length + " bytes)");
        }
        FirstSchemaError schemaError = new FirstSchemaError();
        Element root = parse(xml, schemaError).getDocumentElement();
        if (!CapXml.NAMESPACE.equals(root.getNamespaceURI()) || !"alert".equals(root.getLocalName())) {
            throw new CapRejected("not a CAP 1.2 alert: root element is " + qualifiedName(root));
        }
        if (schemaError.first != null) {
            throw new CapRejected("not valid CAP 1.2: " + describe(schemaError.first), schemaError.first);
        }
        return CapElementReader.message(root);
    }

    private static Document parse(byte[] xml, ErrorHandler errors) {
        try {
            DocumentBuilder builder = newBuilder();
            builder.setErrorHandler(errors);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            // The parser names the feature that refused the DOCTYPE in every locale it speaks; if it ever did not,
            // the input would still be refused, only with the parser's own words.
            if (String.valueOf(e.getMessage()).contains(DISALLOW_DOCTYPE)) {
                throw new CapRejected("DOCTYPE declarations are not accepted (external entities are refused)", e);
            }
            throw new CapRejected("not well-formed XML: " + describe(e), e);
        } catch (SAXException | IOException e) {
            // IOException: bytes that are not in the encoding the declaration names
            throw new CapRejected("not well-formed XML: " + clip(e.getMessage()), e);
        }
    }

    /** JAXP does not promise a thread-safe factory; creating builders one at a time costs next to nothing. */
    private static synchronized DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses the hardened configuration", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        // the JDK's own parser, whatever else is on the class path: these features and attributes are its names
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
        try {
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses the hardened configuration", e);
        }
        // also binds the schema validator the builder runs: xsi:schemaLocation hints are never followed
        factory.setAttribute(ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setSchema(CapSchema.SCHEMA);
        return factory;
    }

    private static String qualifiedName(Element element) {
        String namespace = element.getNamespaceURI();
        String local = element.getLocalName();
        return namespace == null ? local + " (in no namespace)" : "{" + namespace + "}" + local;
    }

    private static String describe(SAXParseException e) {
        String where = e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ": " : "";
        // the validator qualifies every element it names with the CAP namespace; the reader knows which one it is
        return where + clip(String.valueOf(e.getMessage()).replace(CAP_QUALIFIER, ""));
    }

    private static String clip(String detail) {
        String text = String.valueOf(detail);
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    /**
     * Keeps the first schema error and lets the parse go on, so that the root element can be looked at first; a
     * fatal error (not well-formed, DOCTYPE) ends the parse at once.
     */
    private static final class FirstSchemaError implements ErrorHandler {

        private SAXParseException first;

        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {
            if (first == null) {
                first = e;
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }
}
