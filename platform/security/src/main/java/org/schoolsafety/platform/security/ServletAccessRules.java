package org.schoolsafety.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own request rules (which roles may call which paths), applied after the platform's public
 * paths and before "everything else needs a valid token". Declare one as a bean.
 */
@FunctionalInterface
public interface ServletAccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
