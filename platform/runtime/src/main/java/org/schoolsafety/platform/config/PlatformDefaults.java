package org.schoolsafety.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults ({@code ssn-platform-defaults.properties}) below every other property
 * source, so that a service's own {@code application.yml}, the environment and the command line still win.
 * Each default is documented in that file. Also sets {@code ssn.instance-id}, the {@code instance} tag of
 * every metric, to the host name and process id unless one is given.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "ssn-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource("ssnPlatformDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("platform defaults missing from the class path", e);
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("ssnInstance", Map.of("ssn.instance-id", instanceId())));
    }

    private static String instanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
