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
public final class LocalStackProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^READY (http://\\S+) .*");
    private static final Pattern ISSUER_LINE = Pattern.compile(".*INFO\\s+issuer\\s+(http://\\S+) .*");
    private static final Pattern REDIS_LINE = Pattern.compile(".*INFO\\s+redis\\s+127\\.0\\.0\\.1:(\\d+) .*");
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
    private String issuerUrl;
    private int redisPort;

    private LocalStackProcess(Process process, Duration readyTimeout) throws InterruptedException {
        this.process = process;
        this.reader = Thread.ofVirtual().name("local-stack-console").start(this::readConsole);
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        while (gatewayUrl == null) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String why = process.isAlive() ? "not READY within " + readyTimeout : "exited before READY";
                    close();
                    throw new AssertionError("local stack " + why + "; console:\n" + String.join("\n", console));
                }
                continue;
            }
            Matcher service = SERVICE_LINE.matcher(line);
            if (service.matches()) {
                ports.put(service.group(1), Integer.parseInt(service.group(2)));
                pids.put(service.group(1), Long.parseLong(service.group(3)));
            }
            Matcher redis = REDIS_LINE.matcher(line);
            if (redis.matches()) {
                redisPort = Integer.parseInt(redis.group(1));
            }
            Matcher issuer = ISSUER_LINE.matcher(line);
            if (issuer.matches()) {
                issuerUrl = issuer.group(1);
            }
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                gatewayUrl = ready.group(1);
            }
        }
        startTime = Duration.ofNanos(System.nanoTime() - start);
    }

    public static LocalStackProcess start(Duration readyTimeout) throws IOException, InterruptedException {
        return start(readyTimeout, java.util.Map.of());
    }

    /** Starts the stack with extra environment variables, which its services inherit (Spring settings). */
    public static LocalStackProcess start(Duration readyTimeout, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path projectDir = projectDir();
        Path jar = projectDir.resolve("local-stack/target/local-stack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build packages it before system tests run");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--free-ports",
                        "--exit-with-parent",
                        // the tests count what they send: no demo subscribers or bulletin
                        "--no-demo",
                        "--project-dir=" + projectDir,
                        "--log-dir=" + projectDir.resolve("system-tests/target/local-stack-logs"))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new LocalStackProcess(builder.start(), readyTimeout);
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

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** A token from the stack's issuer for a demo client (client credentials, as README shows with curl). */
    public String token(String clientId) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((clientId + ":local-only-" + clientId).getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuerUrl + "/oauth2/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + clientId + ": " + response.body());
        }
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    /** The embedded broker's bootstrap address, as the stack printed it. */
    public String kafkaBootstrap() {
        return console.stream()
                .filter(line -> line.matches(".*INFO\\s+kafka\\s+\\S+ \\(embedded KRaft broker\\).*"))
                .map(line -> line.replaceAll(".*INFO\\s+kafka\\s+(\\S+) .*", "$1"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack printed no kafka line"));
    }

    /** The SMS and webhook sink, as the stack printed it: POST webhooks to {@code /webhooks/...}, read {@code /sink/...}. */
    public String sinkUrl() {
        return console.stream()
                .filter(line -> line.matches(".*INFO\\s+sinks\\s+.*sms\\+webhooks (http://\\S+) .*"))
                .map(line -> line.replaceAll(".*sms\\+webhooks (http://\\S+) .*", "$1"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack printed no sinks line"));
    }

    /** Where the project was checked out (the stack's {@code --project-dir}). */
    public static Path projectDir() {
        return Path.of(System.getProperty("ssn.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The development token issuer's URL, as the stack printed it. */
    public String issuerUrl() {
        return issuerUrl;
    }

    public Duration startTime() {
        return startTime;
    }

    /** The port of the stack's {@code redis-server} on 127.0.0.1, as the stack printed it. */
    public int redisPort() {
        if (redisPort == 0) {
            throw new IllegalStateException("the stack printed no redis line");
        }
        return redisPort;
    }

    public int port(String service) {
        return ports.get(service);
    }

    /**
     * The process id of the service's live process: the stack starts a killed service again, so after a kill this
     * is the new process, found among the stack's children by its jar; the one printed at READY otherwise.
     */
    public long pid(String service) {
        String jar = "/" + service + ".jar";
        return process.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info()
                        .commandLine()
                        .map(line -> line.contains(jar))
                        .orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseGet(() -> pids.get(service));
    }

    public List<String> console() {
        return console;
    }

    /**
     * Stops the stack as Ctrl-C would (SIGTERM) and returns its exit code, or -1 if it had to be killed. Once
     * it returns, {@link #console()} holds everything the stack printed.
     */
    public int stop(Duration grace) throws InterruptedException {
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
