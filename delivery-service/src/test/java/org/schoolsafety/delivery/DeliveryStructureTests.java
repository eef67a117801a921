package org.schoolsafety.delivery;

import java.util.Map;
import java.util.Set;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * The root package runs deliveries for any {@link Sender}; the channels (email, sms, webhook) implement it and know
 * nothing of one another; every package may read the settings, which read none. Quiet hours know only the settings.
 */
class DeliveryStructureTests extends StructureContract {

    @Override
    protected String rootPackage() {
        return "org.schoolsafety.delivery";
    }

    @Override
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of(
                "", Set.of("endpoints", "settings", "quiet"),
                "quiet", Set.of("settings"),
                "settings", Set.of(),
                "endpoints", Set.of("settings"),
                "email", Set.of("", "settings"),
                "sms", Set.of("", "settings"),
                "webhook", Set.of("", "settings"),
                "replay", Set.of("", "endpoints"));
    }
}
