package org.schoolsafety.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A MIME message whose {@code Message-ID} is ours, kept when its changes are saved again, and whose body is
 * written here, as it goes on the wire, rather than by Jakarta Mail's data handlers. Those looked up a content
 * handler in the mailcap registry for every part, and wrote each text once only to choose its transfer encoding
 * and again to send it.
 */
final class DeliveryMessage extends MimeMessage {

    /** RFC 5322's limit on a line, without its CR LF; a longer line must be encoded. */
    private static final int MAX_LINE = 998;

    private final String messageId;

    DeliveryMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    /**
     * The body: {@code multipart/alternative} with the text, then the HTML, both UTF-8; each sent as it is
     * ({@code 7bit}) when it is ASCII in lines of at most 998 characters, else {@code quoted-printable}. Line
     * breaks become CR LF. The message is then complete, as a saved one is: its headers are final and sending
     * writes these bytes.
     */
    void setAlternatives(String text, String html) throws MessagingException {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] rich = html.getBytes(StandardCharsets.UTF_8);
        String boundary;
        do {
            // "=_" never occurs in quoted-printable; a 7bit part is checked for the whole boundary
            boundary = "=_ssn_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
        } while (text.contains(boundary) || html.contains(boundary));
        ByteArrayOutputStream body = new ByteArrayOutputStream(plain.length + rich.length + 512);
        part(body, boundary, "text/plain", plain);
        part(body, boundary, "text/html", rich);
        ascii(body, "--" + boundary + "--\r\n");

        setHeader("MIME-Version", "1.0");
        setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        updateMessageID();
        content = body.toByteArray();
        cachedContent = null;
        dh = null;
        modified = false;
        saved = true;
    }

    private static void part(ByteArrayOutputStream body, String boundary, String type, byte[] utf8)
            throws MessagingException {
        boolean sevenBit = sevenBit(utf8);
        ascii(
                body,
                "--" + boundary + "\r\nContent-Type: " + type + "; charset=UTF-8\r\nContent-Transfer-Encoding: "
                        + (sevenBit ? "7bit" : "quoted-printable") + "\r\n\r\n");
        if (sevenBit) {
            withCrLf(body, utf8);
        } else {
            try {
                // CR, LF and CR LF all become CR LF; long lines are broken softly
                OutputStream encoder = MimeUtility.encode(body, "quoted-printable");
                encoder.write(utf8);
                encoder.flush();
            } catch (IOException e) {
                throw new MessagingException("the part could not be encoded", e);
            }
        }
        ascii(body, "\r\n");
    }

    /** Whether these bytes are ASCII without control characters but TAB, CR and LF, in lines of at most 998. */
    static boolean sevenBit(byte[] utf8) {
        int line = 0;
        for (byte b : utf8) {
            if (b == '\r' || b == '\n') {
                line = 0;
            } else if (b < 0 || b == 0x7f || (b < 0x20 && b != '\t') || ++line > MAX_LINE) {
                return false;
            }
        }
        return true;
    }

    /** Writes these bytes with every line break (CR, LF or CR LF) as CR LF. */
    private static void withCrLf(ByteArrayOutputStream body, byte[] bytes) {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                body.write(bytes, from, i - from);
                body.write('\r');
                body.write('\n');
                if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        body.write(bytes, from, bytes.length - from);
    }

    private static void ascii(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
