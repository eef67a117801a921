package org.schoolsafety.testing.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for servers that tests and the local stack start. They come from 20000–32767, below the
 * kernel's ephemeral range (32768–60999 on Linux), so that no outgoing connection or port-0 server can take
 * one between choosing it and binding it; and this JVM never hands out the same port twice, so two servers
 * of one stack never get the same port (as happened when each took a port-0 port in turn).
 */
public final class Ports {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /** A port nothing listens on right now: for a server about to start, or a service that is down. */
    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + "-" + HIGHEST + " after 1000 attempts");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
