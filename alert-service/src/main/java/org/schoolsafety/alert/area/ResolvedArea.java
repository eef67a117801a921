package org.schoolsafety.alert.area;

import java.util.List;
import org.schoolsafety.events.notification.Audience;

/**
 * An area checked against the directory.
 *
 * @param audience what subscription-service resolves to endpoints
 * @param organisations how many districts, schools and agencies it covers: the size the two-person rule weighs
 * @param description the CAP {@code areaDesc}
 * @param sameCodes the SAME codes of the counties it names, for CAP {@code geocode}s
 */
public record ResolvedArea(Audience audience, int organisations, String description, List<String> sameCodes) {

    public ResolvedArea {
        sameCodes = List.copyOf(sameCodes);
    }
}
