package org.schoolsafety.platform.mail;

import org.springframework.util.ClassUtils;

/**
 * Names Jakarta Mail's stream provider to it. Unless the {@value #PROPERTY} system property names one, Jakarta Mail
 * looks the provider up through the service loader (scanning the class path's {@code META-INF/services}) for every
 * header block, multipart and body part it makes or parses. That scan was a seventh of delivery-service's CPU while
 * it sent email, and two thirds of the local stack's SMTP sink (GreenMail parses every message it stores into
 * parts). Every JVM of the project that builds or parses mail calls {@link #name()} once before it does.
 */
public final class MailStreams {

    /** Jakarta Mail's system property naming the class that makes its MIME streams. */
    public static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    /** Angus Mail's stream provider, the one the service loader finds. */
    public static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {}

    /** Names Angus Mail's provider, unless a provider is named already or Angus Mail is not on the class path. */
    public static void name() {
        if (System.getProperty(PROPERTY) == null && ClassUtils.isPresent(ANGUS, MailStreams.class.getClassLoader())) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
