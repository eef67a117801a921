package org.schoolsafety.platform.backbone;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a stand-in service (only the platform's wiring) against a broker, without a web server. */
final class BackboneServices {

    private BackboneServices() {}

    static ConfigurableApplicationContext start(Class<?> application, String name, String bootstrapServers) {
        return new SpringApplicationBuilder(application)
                .properties(
                        "spring.application.name=" + name,
                        "spring.main.web-application-type=none",
                        "spring.kafka.bootstrap-servers=" + bootstrapServers)
                .run();
    }
}
