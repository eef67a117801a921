package org.schoolsafety.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same real infrastructure as {@link RealInfrastructure}, from container images, for machines with a
 * Docker engine: Apache Kafka (KRaft) and Redis at the versions production runs. Tests that use it carry
 * {@code @Testcontainers(disabledWithoutDocker = true)} and are skipped cleanly where Docker is absent.
 */
public final class ContainerInfrastructure {

    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.2");
    public static final DockerImageName REDIS = DockerImageName.parse("redis:7.4-alpine");

    private ContainerInfrastructure() {}

    /** A single-node KRaft broker that, like production, does not auto-create topics. */
    public static KafkaContainer kafka() {
        return new KafkaContainer(KAFKA).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    /** A Redis server on its standard port inside the container. */
    public static GenericContainer<?> redis() {
        return new GenericContainer<>(REDIS).withExposedPorts(6379);
    }
}
