package org.schoolsafety.bulletin;

import java.util.Map;
import java.util.Set;
import org.schoolsafety.testing.structure.StructureContract;

/**
 * bulletin-service's packages and what each may use. The root holds settings, the refusals every package throws
 * and the one advice that answers them; {@code bulletin} is the model, store and authoring API; {@code rendition}
 * writes a bulletin for each channel; {@code publication} puts it on Kafka, now, on schedule or as a correction;
 * {@code archive} and {@code training} serve what was published from the topic; {@code assembly} drafts each week's
 * bulletin from the advisories and trainings.
 */
class BulletinStructureTests extends StructureContract {

    @Override
    protected String rootPackage() {
        return "org.schoolsafety.bulletin";
    }

    @Override
    protected Map<String, Set<String>> packageDependencies() {
        return Map.of(
                "", Set.of(),
                "bulletin", Set.of(""),
                "rendition", Set.of("", "bulletin"),
                "publication", Set.of("", "bulletin", "rendition"),
                "archive", Set.of(""),
                "training", Set.of(""),
                "assembly", Set.of("", "bulletin", "training"));
    }
}
