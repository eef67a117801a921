package org.schoolsafety.alert.alert;

import java.security.SecureRandom;

/** New alert ids: twelve random characters of an alphabet without look-alikes (no l, o, 0, 1). */
final class AlertIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private AlertIds() {}

    static String next() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
