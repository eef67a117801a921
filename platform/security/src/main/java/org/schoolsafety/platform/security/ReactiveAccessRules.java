package org.schoolsafety.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Request rules of a reactive application (the gateway), applied after the platform's public paths and
 * before "everything else needs a valid token". Declare one as a bean.
 */
@FunctionalInterface
public interface ReactiveAccessRules {

    void apply(ServerHttpSecurity.AuthorizeExchangeSpec rules);
}
