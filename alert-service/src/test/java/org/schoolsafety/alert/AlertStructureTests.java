package org.schoolsafety.alert;

import java.util.Map;
import java.util.Set;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * alert-service's packages and what each may use. The root holds the refusals every package throws and the one
 * advice that answers them; {@code alert} is the lifecycle, which the others build on; {@code rendition} writes
 * alerts for channels and CAP (the lifecycle reaches it through {@code AlertRenditions}); {@code status} counts
 * deliveries, acknowledgements and escalation steps, which {@code escalation} reads to decide on the next.
 */
class AlertStructureTests extends StructureContract {

    @Override
    protected String rootPackage() {
        return "org.schoolsafety.alert";
    }

    @Override
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of(
                "", Set.of(),
                "cap", Set.of(),
                "area", Set.of(""),
                "alert", Set.of("", "area", "cap"),
                "rendition", Set.of("", "alert", "area", "cap"),
                "status", Set.of("", "alert", "area"),
                "escalation", Set.of("alert", "area", "rendition", "status"),
                "ack", Set.of("", "alert", "status"),
                "feed", Set.of("", "alert", "area", "cap", "rendition"),
                "system", Set.of("alert"));
    }
}
