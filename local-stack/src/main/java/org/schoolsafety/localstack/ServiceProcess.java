package org.schoolsafety.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service as its own operating-system process, running its Boot jar with the same JDK as the stack.
 * Its output goes to {@code <logDir>/<name>.log}. When the process dies while the stack runs, it is started
 * again (unless restarts are off), so a killed service comes back alone, as under Kubernetes.
 */
final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    // HTTP/1.1: an h2c upgrade offer could leave a later probe on the connection unanswered by the gateway
    // (see ServiceSmokeContract in platform/testing)
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final int port;
    private final Path jar;
    private final List<String> arguments;
    private final Path logFile;
    private final String heap;
    private volatile Process process;
    private volatile boolean stopping;

    ServiceProcess(String name, int port, Path jar, List<String> arguments, Path logDir, String heap) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.arguments = List.copyOf(arguments);
        this.logFile = logDir.resolve(name + ".log");
        this.heap = heap;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    void start(boolean restartOnExit) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -DskipTests install)");
        }
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx" + heap,
                "-Xss512k",
                "-XX:+UseSerialGC",
                // C1 only starts faster; SSN_SERVICE_JIT=full keeps the optimising compiler (benchmarks)
                "full".equals(System.getenv("SSN_SERVICE_JIT")) ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                // class data sharing: the first start writes an archive, later starts load classes from it
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + logFile.resolveSibling("cds").resolve(name + ".jsa"),
                "--enable-native-access=ALL-UNNAMED"));
        // diagnostics: SSN_SERVICE_JVM_OPTS adds options to every service JVM, {name} standing for the service
        // (e.g. -XX:StartFlightRecording=filename=/tmp/{name}.jfr or -Xlog:gc:file=/tmp/{name}-gc.log)
        String extra = System.getenv("SSN_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            for (String option : extra.strip().split("\\s+")) {
                command.add(option.replace("{name}", name));
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(logFile.resolveSibling("cds"));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        Process started = process;
        if (restartOnExit) {
            started.onExit().thenAccept(exited -> {
                if (!stopping) {
                    log.warn("{} (pid {}) exited with {}; starting it again", name, exited.pid(), exited.exitValue());
                    start(true);
                }
            });
        }
    }

    /** Whether this service's own process runs and its {@code /actuator/health/readiness} answers UP. */
    boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The last lines of the service's log, for a start that failed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: it finishes work in flight); does not wait. */
    void requestStop() {
        stopping = true;
        Process current = process;
        if (current != null) {
            current.destroy();
        }
    }

    /** Waits for the process to end, killing it after the grace period. */
    void awaitStop(Duration grace) {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {}; killing it", name, grace);
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
