package org.schoolsafety.alert.cap;

/**
 * The CAP 1.2 XML codec: the one door through which alerts leave and enter as CAP. Both directions are stateless and
 * safe to call from any thread.
 */
public final class CapXml {

    /** The XML namespace of CAP 1.2; a CAP 1.1 or 1.0 alert has another and is refused. */
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    /** The media type CAP messages are exchanged under. */
    public static final String MEDIA_TYPE = "application/cap+xml";

    private CapXml() {}

    /**
     * Writes the message as CAP 1.2 XML that the OASIS XSD accepts, beginning with an XML declaration naming UTF-8:
     * encode the result as UTF-8. Absent and empty optional fields are left out; times are written as CAP requires
     * ({@code YYYY-MM-DDThh:mm:ss±hh:mm}, UTC as {@code +00:00}, fractions of a second dropped). The XSD itself is
     * not run here, since this is on the path of issuing an alert; instead the values the XSD restricts are checked.
     *
     * @throws IllegalArgumentException when a value is outside a CAP vocabulary (a status, category, urgency...), is
     *     not in the form CAP requires (a language, altitude, ceiling, or a year outside 0001-9999), or holds a
     *     character XML 1.0 cannot carry
     */
    public static String write(CapMessage message) {
        return CapWriter.write(message);
    }

    /**
     * Reads one CAP 1.2 alert. The input may be in any encoding its XML declaration names. It is refused when it is
     * larger than 1 MiB, has a DOCTYPE (so no entity, internal or external, is ever expanded), is not well-formed,
     * has a root other than a CAP 1.2 {@code <alert>}, or does not validate against the OASIS CAP 1.2 XSD. Nothing is
     * fetched while reading: not a DTD, not a schema named by {@code xsi:schemaLocation}, not an XInclude.
     *
     * <p>An XML Signature ({@code ds:Signature}, which the XSD allows after the last {@code <info>}) is accepted and
     * ignored: it is not verified. {@code <resource>} elements are skipped (see {@link CapInfo}).
     *
     * @throws CapRejected with the reason the message was refused
     */
    public static CapMessage read(byte[] xml) {
        return CapReader.read(xml);
    }
}
