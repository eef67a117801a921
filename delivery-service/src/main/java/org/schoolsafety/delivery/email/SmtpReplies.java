package org.schoolsafety.delivery.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.schoolsafety.delivery.Attempt;

/**
 * What the relay's replies mean for a delivery. Only reply codes and queue ids leave this class: the text of a
 * reply often echoes the recipient's address, and outcomes and logs must not carry it.
 * <ul>
 *   <li>accepted: the relay's queue id when its reply names one ({@code queued as ...}, {@code id=...}), else the
 *       reply code;
 *   <li>5xx to the sender, a recipient or the message: permanent, {@code SMTP 550};
 *   <li>4xx: retried later, {@code SMTP 451};
 *   <li>no reply (refused, timed out, dropped): retried later, {@code SMTP unreachable}.
 * </ul>
 */
final class SmtpReplies {

    private static final Pattern QUEUE_ID =
            Pattern.compile("(?:queued as|\\bid=)\\s*([A-Za-z0-9][A-Za-z0-9._-]{0,79})(?![A-Za-z0-9._@-])");
    private static final int MAX_CHAIN = 10;

    private SmtpReplies() {}

    /** The reference of an accepted message. */
    static String reference(SmtpConnections.Accepted accepted) {
        if (accepted.reply() != null) {
            Matcher queueId = QUEUE_ID.matcher(accepted.reply());
            if (queueId.find()) {
                return queueId.group(1);
            }
        }
        return Integer.toString(accepted.code());
    }

    /** The attempt a failure to send amounts to. */
    static Attempt failed(MessagingException e) {
        int code = returnCode(e);
        if (code >= 500 && code <= 599) {
            // the recipient refused at RCPT TO as unknown (550 no such user, 551 not local, 553 bad mailbox name):
            // the address is unusable. Other 5xx (policy, content, size) say nothing of the address itself
            return recipientRefused(e) && (code == 550 || code == 551 || code == 553)
                    ? Attempt.unusable("SMTP " + code)
                    : Attempt.permanent("SMTP " + code, true);
        }
        if (code >= 200 && code <= 499) {
            return Attempt.retry("SMTP " + code, null, true);
        }
        if (e instanceof AuthenticationFailedException) {
            return Attempt.retry("SMTP authentication failed", null, true);
        }
        return Attempt.retry("SMTP unreachable", null, false);
    }

    /**
     * Whether a connection taken from the pool had been closed by the relay while it was idle: no reply at all (but
     * no timeout either, which may mean the relay is busy with the message), or {@code 421} (the relay's idle
     * timeout). The message did not get through, and a new connection may send it at once.
     */
    static boolean closedWhileIdle(MessagingException e) {
        int code = returnCode(e);
        return code == 421 || (code <= 0 && !timedOut(e) && !(e instanceof AuthenticationFailedException));
    }

    private static boolean recipientRefused(MessagingException e) {
        Throwable each = e;
        for (int depth = 0; each != null && depth < MAX_CHAIN; depth++) {
            if (each instanceof SMTPAddressFailedException) {
                return true;
            }
            each = each instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException()
                    : each.getCause();
        }
        return false;
    }

    /** The relay's reply code carried by the exception or one it wraps, or -1. */
    static int returnCode(MessagingException e) {
        Throwable each = e;
        for (int depth = 0; each != null && depth < MAX_CHAIN; depth++) {
            int code = switch (each) {
                case SMTPAddressFailedException recipient -> recipient.getReturnCode();
                case SMTPSenderFailedException sender -> sender.getReturnCode();
                case SMTPSendFailedException send -> send.getReturnCode();
                default -> -1;
            };
            if (code > 0) {
                return code;
            }
            each = each instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException()
                    : each.getCause();
        }
        return -1;
    }

    private static boolean timedOut(Throwable e) {
        Throwable each = e;
        for (int depth = 0; each != null && depth < MAX_CHAIN; depth++) {
            if (each instanceof SocketTimeoutException) {
                return true;
            }
            each = each instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException()
                    : each.getCause();
        }
        return false;
    }
}
