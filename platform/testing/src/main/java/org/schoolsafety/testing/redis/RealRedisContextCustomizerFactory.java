package org.schoolsafety.testing.redis;

import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered in {@code spring.factories}: turns {@link RealRedis} into a running server per context. */
class RealRedisContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RealRedis.class);
        return wanted ? new RealRedisCustomizer(testClass) : null;
    }

    /** One per test class (equality by class), so no two classes share a context and its server. */
    private record RealRedisCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            RedisServerProcess server = RedisServerProcess.start();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "realRedis",
                            Map.of(
                                    "spring.data.redis.host", server.host(),
                                    "spring.data.redis.port", server.port())));
            context.getBeanFactory().registerSingleton("realRedisServer", server);
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    server.close();
                }
            });
        }
    }
}
