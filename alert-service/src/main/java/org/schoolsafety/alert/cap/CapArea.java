package org.schoolsafety.alert.cap;

import java.util.List;
import java.util.Objects;

/**
 * A CAP {@code <area>}: where an {@link CapInfo} applies. Polygons and circles are kept as CAP writes them
 * ({@code "lat,lon lat,lon ..."} and {@code "lat,lon radius-km"}); altitude and ceiling are CAP decimals in feet,
 * kept as text so that nothing is lost to rounding. {@code areaDesc} is required; altitude and ceiling are null when
 * absent; lists are never null.
 */
public record CapArea(
        String areaDesc,
        List<String> polygons,
        List<String> circles,
        List<CapValue> geocodes,
        String altitude,
        String ceiling) {

    public CapArea {
        Objects.requireNonNull(areaDesc, "areaDesc");
        polygons = polygons == null ? List.of() : List.copyOf(polygons);
        circles = circles == null ? List.of() : List.copyOf(circles);
        geocodes = geocodes == null ? List.of() : List.copyOf(geocodes);
    }
}
