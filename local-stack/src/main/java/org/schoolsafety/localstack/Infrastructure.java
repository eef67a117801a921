package org.schoolsafety.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.schoolsafety.platform.kafka.CatalogTopics;
import org.schoolsafety.platform.kafka.PlatformKafkaProperties;
import org.schoolsafety.testing.redis.RedisServerProcess;
import org.slf4j.Logger;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the services need before they start: an embedded KRaft broker that never auto-creates topics, with the
 * catalog's topics; a Redis server; and the sinks that stand in for the SMTP relay, the SMS provider and the
 * districts' webhooks. {@link #close} stops them in reverse, once the services have stopped.
 */
final class Infrastructure implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker kafka;
    private final RedisServerProcess redis;
    private final Sinks sinks;
    private final String sinkUrl;

    private Infrastructure(EmbeddedKafkaKraftBroker kafka, RedisServerProcess redis, Sinks sinks, String sinkUrl) {
        this.kafka = kafka;
        this.redis = redis;
        this.sinks = sinks;
        this.sinkUrl = sinkUrl;
    }

    static Infrastructure start(StackOptions options, Logger log) throws Exception {
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
        return new Infrastructure(kafka, redis, sinks, sinkUrl);
    }

    String bootstrap() {
        return kafka.getBrokersAsString();
    }

    int redisPort() {
        return redis.port();
    }

    String sinkUrl() {
        return sinkUrl;
    }

    /** From here the stack's own shutdown hook stops Redis (after the services that use it), not Redis's. */
    void stoppedByCaller() {
        redis.stoppedByCaller();
    }

    @Override
    public void close() {
        sinks.close();
        redis.close();
        kafka.destroy();
    }

    private static int createTopics(String bootstrap) throws Exception {
        List<NewTopic> topics = CatalogTopics.newTopics(new PlatformKafkaProperties(1, 1, 3, Duration.ofMillis(200)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        return topics.size();
    }
}
