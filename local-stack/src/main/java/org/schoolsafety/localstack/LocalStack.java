package org.schoolsafety.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.schoolsafety.localstack.issuer.DevIssuerApplication;
import org.schoolsafety.platform.kafka.CatalogTopics;
import org.schoolsafety.platform.kafka.PlatformKafkaProperties;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

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

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable",
                "false",
                "group.initial.rebalance.delay.ms",
                "0",
                "transaction.state.log.replication.factor",
                "1",
                "transaction.state.log.min.isr",
                "1"));
        kafka.afterPropertiesSet();
        String bootstrap = kafka.getBrokersAsString();
        log.info("kafka   {} (embedded KRaft broker)", bootstrap);

        RedisServerProcess redis = RedisServerProcess.start(options.redisPort());
        log.info("redis   127.0.0.1:{} ({})", redis.port(), redis.executable());

        int topics = createTopics(bootstrap);
        log.info("topics  {} created from the catalog (broker auto-creation is off)", topics);

        Sinks sinks = new Sinks(options.smtpPort(), options.sinkHttpPort());
        String sinkUrl = "http://127.0.0.1:" + options.sinkHttpPort();
        log.info(
                "sinks   smtp 127.0.0.1:{}, sms+webhooks {} (read them at {}/sink/emails|sms|webhooks)",
                options.smtpPort(),
                sinkUrl,
                sinkUrl);

        // the issuer starts beside the services: they fetch its keys only when the first token arrives
        // a new thread inherits this one's context class loader, which reads the nested jars
        CompletableFuture<ConfigurableApplicationContext> issuer = CompletableFuture.supplyAsync(
                () -> DevIssuerApplication.start(options.issuerPort()),
                task -> Thread.ofPlatform().name("dev-issuer").start(task));

        List<ServiceProcess> services = services(options, bootstrap, redis.port(), sinkUrl);
        CountDownLatch stopped = new CountDownLatch(1);
        // from here the stack's own hook stops Redis, after the services that use it
        redis.stoppedByCaller();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("STOPPING");
                            services.forEach(ServiceProcess::requestStop);
                            services.forEach(s -> s.awaitStop(STOP_GRACE));
                            sinks.close();
                            redis.close();
                            kafka.destroy();
                            System.out.println("STOPPED");
                            stopped.countDown();
                        },
                        "local-stack-stop"));

        if (options.exitWithParent()) {
            ProcessHandle.current()
                    .parent()
                    .ifPresent(parent -> parent.onExit().thenRun(() -> {
                        log.warn("the process that started the stack ended; stopping");
                        System.exit(0);
                    }));
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
        stopped.await();
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

    private static int createTopics(String bootstrap) throws Exception {
        List<NewTopic> topics = CatalogTopics.newTopics(new PlatformKafkaProperties(1, 1, 3, Duration.ofMillis(200)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        return topics.size();
    }

    private static List<ServiceProcess> services(
            StackOptions options, String bootstrap, int redisPort, String sinkUrl) {
        String[] names = {
            "alert-service", "subscription-service", "bulletin-service", "cyber-threat-service", "delivery-service"
        };
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.address=127.0.0.1",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                "--ssn.local-stack.sink-url=" + sinkUrl,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + options.smtpPort(),
                // webhooks to the local sink on the loopback address pass the SSRF check, here only
                "--ssn.webhooks.allowed-hosts=127.0.0.1",
                // links in emails, SMS and the alert feed point at this gateway; one key per stack run, shared by
                // every service
                "--ssn.links.base-url=http://127.0.0.1:" + options.gatewayPort(),
                "--ssn.links.signing-key=" + linkKey(),
                "--ssn.security.issuer=" + DevIssuerApplication.issuerUrl(options.issuerPort()),
                "--ssn.security.jwk-set-uri=" + DevIssuerApplication.jwkSetUri(options.issuerPort()));
        List<ServiceProcess> services = new ArrayList<>();
        List<String> gatewayArgs = new ArrayList<>(common);
        gatewayArgs.add("--server.port=" + options.gatewayPort());
        String[] routeKeys = {"alert", "subscription", "bulletin", "cyber-threat", "delivery"};
        for (int i = 0; i < names.length; i++) {
            List<String> args = new ArrayList<>(common);
            args.add("--server.port=" + options.servicePorts()[i]);
            args.add("--ssn.instance-id=" + names[i] + "-1");
            if (names[i].equals("delivery-service")) {
                // the sink stands in for a Twilio-compatible SMS provider; it checks no credentials
                args.add("--ssn.delivery.sms.base-url=" + sinkUrl);
                args.add("--ssn.delivery.sms.account-sid=AClocal");
                args.add("--ssn.delivery.sms.auth-token=local-stack-token");
                args.add("--ssn.delivery.sms.from=+15005550006");
            }
            services.add(process(options, names[i], options.servicePorts()[i], args));
            gatewayArgs.add(
                    "--ssn.gateway.services." + routeKeys[i] + "=http://127.0.0.1:" + options.servicePorts()[i]);
        }
        gatewayArgs.add("--ssn.instance-id=gateway-1");
        services.add(process(options, "gateway", options.gatewayPort(), gatewayArgs));
        return services;
    }

    private static String linkKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static ServiceProcess process(StackOptions options, String name, int port, List<String> args) {
        Path jar = options.projectDir().resolve(name).resolve("target").resolve(name + ".jar");
        return new ServiceProcess(name, port, jar, args, options.logDir(), options.serviceHeap());
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
