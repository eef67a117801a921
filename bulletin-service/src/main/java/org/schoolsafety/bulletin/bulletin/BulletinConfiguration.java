package org.schoolsafety.bulletin.bulletin;

import java.time.Clock;
import java.util.Arrays;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.platform.security.ServletAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The authoring API's wiring: the clock (tests fix it) and who may call what. Every change takes the editor role
 * (the gateway checks the same; this service does not rely on it); reading takes any platform role, and what a
 * caller sees is scoped by {@link Bulletins}.
 */
@Configuration(proxyBeanMethods = false)
class BulletinConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServletAccessRules bulletinRequestRules() {
        String[] everyRole = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        String editor = Role.STATE_EDITOR.name();
        // previews show drafts; every other read (bulletins, revisions, the GREEN archive, the training calendar)
        // is scoped by the service itself
        return rules -> rules.requestMatchers(HttpMethod.GET, "/api/bulletins/*/preview")
                .hasRole(editor)
                .requestMatchers(HttpMethod.GET, "/api/bulletins", "/api/bulletins/**")
                .hasAnyRole(everyRole)
                .requestMatchers("/api/bulletins", "/api/bulletins/**")
                .hasRole(editor);
    }
}
