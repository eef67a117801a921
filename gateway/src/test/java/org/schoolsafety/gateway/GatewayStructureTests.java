package org.schoolsafety.gateway;

import java.util.Map;
import java.util.Set;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * The gateway's packages: the root holds the application, its settings and its routes, and uses none of its
 * packages; each package uses only the root's settings.
 */
class GatewayStructureTests extends StructureContract {

    @Override
    protected String rootPackage() {
        return "org.schoolsafety.gateway";
    }

    @Override
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of(
                "", Set.of(),
                "access", Set.of(),
                "edge", Set.of(""),
                "ratelimit", Set.of(""),
                "system", Set.of());
    }
}
