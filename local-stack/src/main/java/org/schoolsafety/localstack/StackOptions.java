package org.schoolsafety.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.schoolsafety.testing.net.Ports;

/**
 * Where everything listens and where the service jars are. Defaults: gateway on 8080, services on
 * 8081–8085, Redis on 6379, SMTP sink on 3025, HTTP sink on 8025, token issuer on 9000. {@code --free-ports}
 * picks free ports for all of them instead. The embedded broker always takes a free port, printed at start (used by the system tests, so a second stack never collides).
 *
 * @param projectDir the repository root, where each service's {@code target/<name>.jar} is
 * @param gatewayPort the gateway, the only entry from outside
 * @param servicePorts ports of alert, subscription, bulletin, cyber-threat and delivery service, in order
 * @param redisPort the Redis server's port
 * @param smtpPort the SMTP sink
 * @param sinkHttpPort the SMS-provider and webhook sink, also where captured messages are read
 * @param issuerPort the development token issuer
 * @param restart start a service again when its process dies
 * @param serviceHeap maximum heap of each service process, e.g. {@code 256m}
 * @param logDir where each service's log (and the broker's) is written
 * @param exitWithParent stop when the process that started the stack ends (tests: no orphaned stacks)
 * @param demo seed demo subscribers and a published bulletin before READY ({@code --no-demo}: an empty stack, as the
 *     system tests want it)
 */
record StackOptions(
        Path projectDir,
        int gatewayPort,
        int[] servicePorts,
        int redisPort,
        int smtpPort,
        int sinkHttpPort,
        int issuerPort,
        boolean restart,
        String serviceHeap,
        Path logDir,
        boolean exitWithParent,
        boolean demo) {

    static StackOptions parse(String[] args) {
        boolean free = false;
        boolean restart = true;
        boolean exitWithParent = false;
        boolean demo = true;
        Path projectDir = Path.of(System.getProperty("ssn.project.dir", "."))
                .toAbsolutePath()
                .normalize();
        String heap = "256m";
        Path logDir = null;
        for (String arg : args) {
            if (arg.equals("--free-ports")) {
                free = true;
            } else if (arg.equals("--exit-with-parent")) {
                exitWithParent = true;
            } else if (arg.equals("--no-restart")) {
                restart = false;
            } else if (arg.equals("--no-demo")) {
                demo = false;
            } else if (arg.startsWith("--project-dir=")) {
                projectDir = Path.of(arg.substring("--project-dir=".length()))
                        .toAbsolutePath()
                        .normalize();
            } else if (arg.startsWith("--log-dir=")) {
                logDir = Path.of(arg.substring("--log-dir=".length()))
                        .toAbsolutePath()
                        .normalize();
            } else if (arg.startsWith("--service-heap=")) {
                heap = arg.substring("--service-heap=".length());
            } else {
                throw new IllegalArgumentException(
                        "unknown option " + arg
                                + " (known: --free-ports, --no-restart, --no-demo, --exit-with-parent, --project-dir=DIR, --log-dir=DIR, --service-heap=256m)");
            }
        }
        if (!Files.isDirectory(projectDir.resolve("gateway"))) {
            throw new IllegalArgumentException(
                    projectDir + " is not the project root: run from there or pass --project-dir=DIR");
        }
        if (logDir == null) {
            logDir = projectDir.resolve("local-stack/target/logs");
        }
        if (free) {
            return new StackOptions(
                    projectDir,
                    Ports.free(),
                    new int[] {Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free()},
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    restart,
                    heap,
                    logDir,
                    exitWithParent,
                    demo);
        }
        return new StackOptions(
                projectDir,
                8080,
                new int[] {8081, 8082, 8083, 8084, 8085},
                6379,
                3025,
                8025,
                9000,
                restart,
                heap,
                logDir,
                exitWithParent,
                demo);
    }

    /** The log folder, known before logging starts (the options are parsed after). */
    static Path logDirOf(String[] args) {
        try {
            return parse(args).logDir();
        } catch (IllegalArgumentException e) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** Fails with a clear message when another program already listens on a port the stack needs. */
    static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + port + " for " + what + " is in use: stop what runs there, or use --free-ports");
        }
    }
}
