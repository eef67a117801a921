package org.schoolsafety.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.schoolsafety.localstack.issuer.DevIssuerApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole platform: Kafka, Redis, the catalog's topics, the sinks, then every service as its own
 * process; waits until every service is ready and prints one line {@code READY <gateway url>}. Ctrl-C (or
 * SIGTERM) stops the services first, gracefully, then the infrastructure.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-local-stack.xml");
        }
        System.setProperty("ssn.local-stack.logs", StackOptions.logDirOf(args).toString());
        Logger log = LoggerFactory.getLogger(LocalStack.class);
        long started = System.nanoTime();
        StackOptions options;
        try {
            options = StackOptions.parse(args);
            checkPorts(options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(2);
            return;
        }

        Infrastructure infrastructure = Infrastructure.start(options, log);

        // the issuer starts beside the services: they fetch its keys only when the first token arrives
        // a new thread inherits this one's context class loader, which reads the nested jars
        CompletableFuture<ConfigurableApplicationContext> issuer = CompletableFuture.supplyAsync(
                () -> DevIssuerApplication.start(options.issuerPort()),
                task -> Thread.ofPlatform().name("dev-issuer").start(task));

        List<ServiceProcess> services = ServiceLineup.of(
                options, infrastructure.bootstrap(), infrastructure.redisPort(), infrastructure.sinkUrl());
        CountDownLatch stopped = stopOnShutdown(services, infrastructure);
        if (options.exitWithParent()) {
            stopWithParent(log);
        }
        services.forEach(s -> s.start(options.restart()));
        try {
            issuer.join();
        } catch (RuntimeException e) {
            log.error("the token issuer did not start", e);
            System.exit(1);
            return;
        }
        log.info(
                "issuer  {} (Spring Authorization Server; demo client secrets: local-only-<client id>)",
                DevIssuerApplication.issuerUrl(options.issuerPort()));
        if (!awaitReady(services, log)) {
            System.exit(1);
            return;
        }
        if (options.demo()) {
            new DemoContent(options, infrastructure.sinkUrl(), log).seed();
        }
        printReady(options, services, started, log);
        stopped.await();
    }

    /** Ctrl-C or SIGTERM: the services first, gracefully, then the infrastructure; counted down once all is down. */
    private static CountDownLatch stopOnShutdown(List<ServiceProcess> services, Infrastructure infrastructure) {
        CountDownLatch stopped = new CountDownLatch(1);
        // from here the stack's own hook stops Redis, after the services that use it
        infrastructure.stoppedByCaller();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("STOPPING");
                            services.forEach(ServiceProcess::requestStop);
                            services.forEach(s -> s.awaitStop(STOP_GRACE));
                            infrastructure.close();
                            System.out.println("STOPPED");
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        return stopped;
    }

    /** A test that started the stack and died must not leave it running. */
    private static void stopWithParent(Logger log) {
        ProcessHandle.current()
                .parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> {
                    log.warn("the process that started the stack ended; stopping");
                    System.exit(0);
                }));
    }

    private static void printReady(StackOptions options, List<ServiceProcess> services, long started, Logger log) {
        for (ServiceProcess service : services) {
            log.info(
                    "{} http://127.0.0.1:{} pid {} log {}",
                    String.format("%-21s", service.name()),
                    service.port(),
                    service.pid(),
                    service.logFile());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "READY %s (%d services healthy in %.1f s; Ctrl-C stops everything)%n",
                options.gatewayUrl(), services.size(), seconds);
        System.out.flush();
    }

    private static void checkPorts(StackOptions options) {
        StackOptions.requireFree(options.gatewayPort(), "the gateway");
        for (int port : options.servicePorts()) {
            StackOptions.requireFree(port, "a service");
        }
        StackOptions.requireFree(options.redisPort(), "Redis");
        StackOptions.requireFree(options.smtpPort(), "the SMTP sink");
        StackOptions.requireFree(options.sinkHttpPort(), "the HTTP sink");
        StackOptions.requireFree(options.issuerPort(), "the token issuer");
    }

    private static boolean awaitReady(List<ServiceProcess> services, Logger log) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(ServiceProcess::isReady);
            if (System.nanoTime() > deadline) {
                for (ServiceProcess service : waiting) {
                    log.error(
                            "{} was not ready within {}; last lines of {}:\n{}",
                            service.name(),
                            READY_TIMEOUT,
                            service.logFile(),
                            service.logTail(30));
                }
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return true;
    }
}
