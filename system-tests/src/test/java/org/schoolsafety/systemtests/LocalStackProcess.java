package org.schoolsafety.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's first command, run as a person would: {@code local-stack.jar} as a separate process on free
 * ports. Reads its console for the {@code READY} line and the table of services.
 */
final class LocalStackProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^READY (http://\\S+) .*");
    private static final Pattern SERVICE_LINE =
            Pattern.compile(".*INFO\\s+(\\S+)\\s+http://127\\.0\\.0\\.1:(\\d+) pid (\\d+) log .*");

    private final Process process;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final Duration startTime;
    private final Thread reader;
    private String gatewayUrl;

    private LocalStackProcess(Process process, Duration readyTimeout) throws InterruptedException {
        this.process = process;
        this.reader = Thread.ofVirtual().name("local-stack-console").start(this::readConsole);
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        while (gatewayUrl == null) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || (!process.isAlive() && lines.isEmpty())) {
                close();
                throw new AssertionError(
                        "local stack not READY within " + readyTimeout + "; console:\n" + String.join("\n", console));
            }
            Matcher service = SERVICE_LINE.matcher(line);
            if (service.matches()) {
                ports.put(service.group(1), Integer.parseInt(service.group(2)));
                pids.put(service.group(1), Long.parseLong(service.group(3)));
            }
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                gatewayUrl = ready.group(1);
            }
        }
        startTime = Duration.ofNanos(System.nanoTime() - start);
    }

    static LocalStackProcess start(Duration readyTimeout) throws IOException, InterruptedException {
        Path projectDir = Path.of(System.getProperty("ssn.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
        Path jar = projectDir.resolve("local-stack/target/local-stack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build packages it before system tests run");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--free-ports",
                        "--project-dir=" + projectDir,
                        "--log-dir=" + projectDir.resolve("system-tests/target/local-stack-logs"))
                .redirectErrorStream(true)
                .start();
        return new LocalStackProcess(process, readyTimeout);
    }

    private void readConsole() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.add(line);
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process is gone; what it printed is in console
        }
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    Duration startTime() {
        return startTime;
    }

    int port(String service) {
        return ports.get(service);
    }

    long pid(String service) {
        return pids.get(service);
    }

    List<String> console() {
        return console;
    }

    /**
     * Stops the stack as Ctrl-C would (SIGTERM) and returns its exit code, or -1 if it had to be killed. Once
     * it returns, {@link #console()} holds everything the stack printed.
     */
    int stop(Duration grace) throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close the pipe we read the console from
        process.toHandle().destroy();
        int exit = -1;
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            exit = process.exitValue();
        } else {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(Duration.ofSeconds(10));
        return exit;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(40));
        }
    }
}
