package org.schoolsafety.alert.rendition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.alert.AlertDraft;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.cap.CapArea;
import org.schoolsafety.alert.cap.CapInfo;
import org.schoolsafety.alert.cap.CapMessage;
import org.schoolsafety.alert.cap.CapValue;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.OrganisationKind;

/**
 * A schema-valid CAP 1.2 message turned into what the API takes. Counties come from {@code SAME} or
 * {@code FIPS6} geocodes (the five digits after the leading subdivision digit) or this platform's own
 * {@code ssn-*} geocodes; everything else in the area is kept only as its description. With several
 * {@code info} blocks (languages), the first English one is used.
 *
 * @param msgType {@code Alert}, {@code Update} or {@code Cancel}
 * @param referencedIdentifiers the CAP identifiers an update or cancel names
 * @param note the CAP note (why a cancel happens), or {@code null}
 * @param draft the alert as the API takes it; its info is absent for a cancel without one
 */
record CapImport(String msgType, List<String> referencedIdentifiers, String note, AlertDraft draft) {

    static CapImport of(CapMessage cap) {
        if (!List.of("Actual", "Exercise", "Test").contains(cap.status())) {
            throw new AlertRejected(
                    "status", "CAP status " + cap.status() + " is not sent to schools; use Actual, Exercise or Test.");
        }
        if (!List.of("Alert", "Update", "Cancel").contains(cap.msgType())) {
            throw new AlertRejected("msgType", "CAP msgType " + cap.msgType() + " is not taken here.");
        }
        List<String> references = references(cap.references());
        if (!"Alert".equals(cap.msgType()) && references.isEmpty()) {
            throw new AlertRejected("references", "An " + cap.msgType() + " must name the alert it changes.");
        }
        CapInfo info = english(cap.infos());
        AlertDraft draft = new AlertDraft(
                cap.status(), cap.scope(), info == null ? null : info(info), info == null ? null : area(info.areas()));
        return new CapImport(cap.msgType(), references, cap.note(), draft);
    }

    private static List<String> references(String references) {
        if (references == null || references.isBlank()) {
            return List.of();
        }
        List<String> identifiers = new ArrayList<>();
        for (String triple : references.strip().split("\\s+")) {
            String[] parts = triple.split(",");
            if (parts.length != 3) {
                throw new AlertRejected("references", "References are sender,identifier,sent triples.");
            }
            identifiers.add(parts[1]);
        }
        return identifiers;
    }

    private static CapInfo english(List<CapInfo> infos) {
        return infos.stream()
                .filter(info -> info.language() == null
                        || info.language().toLowerCase(Locale.ROOT).startsWith("en"))
                .findFirst()
                .orElse(infos.isEmpty() ? null : infos.getFirst());
    }

    private static AlertDraft.Info info(CapInfo info) {
        return new AlertDraft.Info(
                info.categories().isEmpty() ? null : info.categories().getFirst(),
                info.event(),
                info.urgency(),
                info.severity(),
                info.certainty(),
                info.headline(),
                info.description(),
                info.instruction(),
                info.expires() == null ? null : info.expires().toInstant(),
                info.web(),
                info.contact());
    }

    private static Area area(List<CapArea> areas) {
        boolean statewide = false;
        List<String> regions = new ArrayList<>();
        List<String> counties = new ArrayList<>();
        List<String> organisations = new ArrayList<>();
        List<OrganisationKind> kinds = new ArrayList<>();
        List<EndpointRole> roles = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (CapArea area : areas) {
            descriptions.add(area.areaDesc());
            for (CapValue code : area.geocodes()) {
                String value = code.value() == null ? "" : code.value().strip();
                switch (code.valueName() == null ? "" : code.valueName().strip()) {
                    case CapMapping.STATEWIDE -> statewide = statewide || "statewide".equals(value);
                    case "SAME", "FIPS6" -> addOnce(counties, value.length() == 6 ? value.substring(1) : value);
                    case CapMapping.COUNTY -> addOnce(counties, value);
                    case CapMapping.REGION -> addOnce(regions, value);
                    case CapMapping.ORGANISATION -> addOnce(organisations, value);
                    case CapMapping.KIND -> kinds.add(named(OrganisationKind.values(), value, "kind"));
                    case CapMapping.ROLE -> roles.add(named(EndpointRole.values(), value, "role"));
                    default -> {
                        // other geocode systems (UGC zones, postal codes) do not name directory entries
                    }
                }
            }
        }
        String description = String.join(
                "; ",
                descriptions.stream().filter(d -> d != null && !d.isBlank()).toList());
        return new Area(statewide, regions, counties, organisations, kinds, roles, description);
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private static <E extends Enum<E>> E named(E[] values, String name, String what) {
        return Arrays.stream(values)
                .filter(value -> value.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AlertRejected("area.geocode", "Unknown " + what + " " + name + "."));
    }
}
