package org.schoolsafety.testing.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.schoolsafety.testing.net.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server as a child process on 127.0.0.1. It runs the {@code redis-server} found on the
 * {@code PATH} (or named by {@code SSN_REDIS_SERVER}); where there is none, the Linux/macOS binary bundled
 * in the {@code embedded-redis} jar. Nothing is persisted: each server starts empty.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final String executable;

    /** Kills the server when the JVM ends, so that no test leaves one behind. */
    private final Thread reaper;

    private RedisServerProcess(Process process, int port, String executable) {
        this.reaper = new Thread(process::destroyForcibly, "redis-server-reaper");
        this.process = process;
        this.port = port;
        this.executable = executable;
    }

    /** Starts a server on a free port and waits until it answers {@code PING}. */
    public static RedisServerProcess start() {
        return start(0);
    }

    /** Starts a server on the given port ({@code 0}: a free one) and waits until it answers {@code PING}. */
    public static RedisServerProcess start(int requestedPort) {
        return start(requestedPort, locateExecutable());
    }

    /** Starts the given {@code redis-server} executable, e.g. {@link #bundledBinary()}, on a port. */
    public static RedisServerProcess start(int requestedPort, Path executable) {
        int port = requestedPort == 0 ? Ports.free() : requestedPort;
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes"));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            RedisServerProcess server = new RedisServerProcess(process, port, executable.toString());
            Runtime.getRuntime().addShutdownHook(server.reaper);
            server.awaitPong();
            log.info("redis-server {} listening on 127.0.0.1:{}", executable, port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
    }

    /**
     * For a caller that stops this server itself, in its own order, when the JVM ends (the local stack stops its
     * services before their Redis): the reaper that would kill it at the same moment is removed.
     */
    public RedisServerProcess stoppedByCaller() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already ending; the reaper runs as it would have
        }
        return this;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The executable this server runs: the machine's {@code redis-server} or the bundled binary. */
    public String executable() {
        return executable;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after five seconds). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with " + process.exitValue() + " (port " + port + " taken?)");
            }
            if (ping()) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT);
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path locateExecutable() {
        String configured = System.getenv("SSN_REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return onPath("redis-server").orElseGet(RedisServerProcess::bundledBinary);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Extracts the binary that the embedded-redis jar bundles for this OS and architecture. */
    public static synchronized Path bundledBinary() {
        String resource = bundledResourceName();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "ssn-" + resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no bundled " + resource);
            }
            Path temp = Files.createTempFile(target.getParent(), "ssn-redis", ".part");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource, e);
        }
    }

    private static String bundledResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("install redis-server: no bundled binary for " + os + "/" + arch);
    }
}
