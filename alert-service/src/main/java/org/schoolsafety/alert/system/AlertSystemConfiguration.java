package org.schoolsafety.alert.system;

import java.time.Clock;
import org.schoolsafety.alert.alert.AlertSettings;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.platform.security.ServletAccessRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service's own wiring: who may call what (the gateway checks the same, this service does not rely on it),
 * the clock, and the scheduler that finishes interrupted issues.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AlertSettings.class)
class AlertSystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Approving takes the approver role (the lifecycle also refuses the author); every other change takes the
     * broadcaster role. Reading takes any platform role; what a caller sees is scoped by the controller.
     */
    @Bean
    ServletAccessRules alertRequestRules() {
        String[] everyRole =
                java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/alerts/*/approve")
                .hasRole(Role.STATE_APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/api/alerts", "/api/alerts/**")
                .hasRole(Role.STATE_BROADCASTER.name())
                .requestMatchers("/api/alerts", "/api/alerts/**")
                .hasAnyRole(everyRole)
                // acknowledging by API: the organisation's own systems and people (scoped to its deliveries)
                .requestMatchers(HttpMethod.POST, "/api/acknowledgements")
                .hasAnyRole(Role.DISTRICT_ADMIN.name(), Role.SCHOOL_COORDINATOR.name(), Role.SYSTEM.name());
    }
}
