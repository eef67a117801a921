package org.schoolsafety.bulletin.training;

import org.schoolsafety.platform.security.Role;
import org.schoolsafety.platform.security.ServletAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Only editors change the training calendar; the controller checks the same. */
@Configuration(proxyBeanMethods = false)
class TrainingAccess {

    @Bean
    ServletAccessRules trainingRequestRules() {
        String editor = Role.STATE_EDITOR.name();
        String[] paths = {TrainingController.PATH, TrainingController.PATH + "/**"};
        return rules -> rules.requestMatchers(HttpMethod.POST, paths)
                .hasRole(editor)
                .requestMatchers(HttpMethod.PUT, paths)
                .hasRole(editor)
                .requestMatchers(HttpMethod.DELETE, paths)
                .hasRole(editor);
    }
}
