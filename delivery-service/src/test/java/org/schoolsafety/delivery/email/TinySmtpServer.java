package org.schoolsafety.delivery.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on the loopback address that misbehaves on purpose, as GreenMail will not: it refuses
 * recipients whose local part is {@code reject} ({@code 550 5.1.1}, quoting the address as real relays do) or
 * {@code later} ({@code 451 4.7.1}), can name a queue id in its acceptance, can drop every connection after a
 * message (a relay's idle timeout, as the client finds it later), can accept connections and never answer, and
 * can keep the messages that contain a marker waiting for their answer until told to let them go.
 */
final class TinySmtpServer implements AutoCloseable {

    /** How the server behaves. */
    record Behaviour(String accepted, boolean dropAfterMessage, boolean silent) {
        static Behaviour normal() {
            return new Behaviour("250 2.0.0 Ok", false, false);
        }
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile String holdMarker;
    private volatile CountDownLatch letGo;

    TinySmtpServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tiny-smtp-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Messages containing {@code marker} get their answer only once {@code letGo} is counted down. */
    void hold(String marker, CountDownLatch letGo) {
        this.letGo = letGo;
        this.holdMarker = marker;
    }

    /** Messages waiting for their answer now. */
    int held() {
        return held.get();
    }

    /** The messages accepted, as received after DATA. */
    List<String> messages() {
        return messages;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().name("tiny-smtp-conn").start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            if (behaviour.silent()) {
                socket.getInputStream().read(); // until the client gives up; it never hears a greeting
                return;
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 tiny.test ESMTP");
            for (int commands = 0; commands < 10_000; commands++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 tiny.test");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.1.0 Ok");
                    case "RCPT" -> reply(out, recipient(line));
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder message = new StringBuilder();
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            message.append(data).append("\r\n");
                        }
                        messages.add(message.toString());
                        String marker = holdMarker;
                        if (marker != null && message.indexOf(marker) >= 0) {
                            held.incrementAndGet();
                            try {
                                letGo.await();
                            } catch (InterruptedException e) {
                                return;
                            } finally {
                                held.decrementAndGet();
                            }
                        }
                        reply(out, behaviour.accepted());
                        if (behaviour.dropAfterMessage()) {
                            return;
                        }
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static String recipient(String line) {
        String address = line.substring(line.indexOf(':') + 1).trim();
        if (address.toLowerCase(Locale.ROOT).startsWith("<reject@")) {
            return "550 5.1.1 " + address + ": Recipient address rejected: User unknown";
        }
        if (address.toLowerCase(Locale.ROOT).startsWith("<later@")) {
            return "451 4.7.1 " + address + ": Recipient address rejected: try again later";
        }
        return "250 2.1.5 Ok";
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
