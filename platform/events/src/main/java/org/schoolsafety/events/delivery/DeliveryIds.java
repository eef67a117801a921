package org.schoolsafety.events.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Delivery ids are part of the contract: derived from the notification and the endpoint, so that a replayed
 * audience expansion or a redelivered record yields the same id (and the same {@code webhook-id}), and
 * delivery-service can refuse to send twice.
 */
public final class DeliveryIds {

    // one digest per thread: an audience expansion derives ten thousand ids, and looking MD5 up each time
    // (as UUID.nameUUIDFromBytes does) costs more than hashing
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    });

    private DeliveryIds() {}

    /**
     * A name-based (version 3) UUID of {@code notificationId + "/" + endpointId}: the same as {@link
     * UUID#nameUUIDFromBytes}.
     */
    public static String of(String notificationId, String endpointId) {
        byte[] md5 = MD5.get().digest((notificationId + "/" + endpointId).getBytes(StandardCharsets.UTF_8));
        md5[6] &= 0x0f; // version 3
        md5[6] |= 0x30;
        md5[8] &= 0x3f; // IETF variant
        md5[8] |= (byte) 0x80;
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
