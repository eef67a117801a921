package org.schoolsafety.gateway.access;

import java.util.Arrays;
import java.util.List;
import org.schoolsafety.platform.security.ReactiveAccessRules;
import org.schoolsafety.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The role model of DESIGN.md §6 per API group: reading takes any platform role; changing takes the roles
 * named here. A request with a valid token but none of the roles gets 403; adding a service's group is one
 * {@link Group} line.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccess {

    private static final List<HttpMethod> WRITES =
            List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /** An API group: its paths and the roles that may change things there. */
    record Group(List<String> paths, List<Role> writers) {

        static Group of(List<String> paths, Role... writers) {
            return new Group(paths, List.of(writers));
        }
    }

    static final List<Group> GROUPS = List.of(
            Group.of(List.of("/api/alerts/**"), Role.STATE_BROADCASTER, Role.STATE_APPROVER),
            Group.of(List.of("/api/acknowledgements/**"), Role.DISTRICT_ADMIN, Role.SCHOOL_COORDINATOR, Role.SYSTEM),
            Group.of(
                    List.of("/api/organisations/**", "/api/endpoints/**", "/api/subscriptions/**", "/api/contacts/**"),
                    Role.STATE_ADMIN,
                    Role.DISTRICT_ADMIN,
                    Role.SCHOOL_COORDINATOR),
            Group.of(List.of("/api/bulletins/**"), Role.STATE_EDITOR),
            Group.of(List.of("/api/advisories/**", "/taxii2/**"), Role.STATE_ANALYST),
            // replaying deliveries: state staff anywhere, others in their own organisation (delivery-service scopes it)
            Group.of(
                    List.of("/api/deliveries/**"),
                    Role.STATE_BROADCASTER,
                    Role.STATE_ADMIN,
                    Role.DISTRICT_ADMIN,
                    Role.SCHOOL_COORDINATOR,
                    Role.SYSTEM));

    @Bean
    ReactiveAccessRules gatewayRouteAccess() {
        String[] everyRole = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        return rules -> {
            for (Group group : GROUPS) {
                String[] paths = group.paths().toArray(String[]::new);
                String[] writers = group.writers().stream().map(Role::name).toArray(String[]::new);
                for (HttpMethod write : WRITES) {
                    rules.pathMatchers(write, paths).hasAnyRole(writers);
                }
                rules.pathMatchers(paths).hasAnyRole(everyRole);
            }
        };
    }
}
