package org.schoolsafety.subscription;

import java.util.Map;
import java.util.Set;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * The packages of subscription-service, from the base up: {@code store} writes the {@code directory} topic;
 * {@code directory} holds organisations and endpoints as they stand (Redis views and the in-memory index) and
 * the administrator's changes; {@code consent} (verification, recipient links, SMS keywords) and
 * {@code audience} (who receives a notification) build on it; {@code endpoint} (an organisation's endpoints)
 * builds on both directory and consent.
 */
class SubscriptionStructureTests extends StructureContract {

    @Override
    protected String rootPackage() {
        return "org.schoolsafety.subscription";
    }

    @Override
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of(
                "", Set.of(),
                "store", Set.of(""),
                "directory", Set.of("", "store"),
                "consent", Set.of("", "store", "directory"),
                "audience", Set.of("directory"),
                "endpoint", Set.of("", "store", "directory", "consent"));
    }
}
