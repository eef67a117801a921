package org.schoolsafety.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.schoolsafety.testing.redis.RealRedis;
import org.schoolsafety.testing.tokens.TestTokens;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A Spring test context on real infrastructure of its own: an embedded KRaft Kafka broker that, like
 * production, never creates topics by itself (the service must create them from the catalog), and a real
 * Redis server. Both live as long as the context, which is closed after the test class. The context trusts
 * the {@link org.schoolsafety.testing.tokens.TestIssuer test issuer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EmbeddedKafka(
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {
            "auto.create.topics.enable=false",
            "group.initial.rebalance.delay.ms=0",
            // one broker: transactions (subscription-service expands notifications in one) need these at 1
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1"
        })
@RealRedis
@TestTokens
@DirtiesContext
public @interface RealInfrastructure {}
