package org.schoolsafety.subscription.directory;

import java.util.Locale;
import java.util.Map;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.subscription.Refusal;

/**
 * Reads an organisation's kind, name and TLP clearance as the administrator writes them, refusing what the
 * directory cannot hold with the field it came in; and which kind may sit under which.
 */
final class OrganisationInput {

    private OrganisationInput() {}

    /** Which kind may sit under which. */
    static final Map<OrganisationKind, OrganisationKind> PARENT_KIND = Map.of(
            OrganisationKind.REGION, OrganisationKind.STATE,
            OrganisationKind.AGENCY, OrganisationKind.STATE,
            OrganisationKind.COUNTY, OrganisationKind.REGION,
            OrganisationKind.DISTRICT, OrganisationKind.COUNTY,
            OrganisationKind.SCHOOL, OrganisationKind.DISTRICT);

    static Tlp clearance(String name) {
        Tlp tlp;
        try {
            tlp = Tlp.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('+', '_'));
        } catch (IllegalArgumentException e) {
            tlp = Tlp.RED;
        }
        if (tlp == Tlp.RED) {
            throw new Refusal.Invalid(
                    "tlpClearance",
                    "tlpClearance is CLEAR, GREEN, AMBER or AMBER_STRICT; TLP:RED goes to named people, never to an"
                            + " organisation.");
        }
        return tlp;
    }

    static OrganisationKind kind(String kindName) {
        if (kindName == null || kindName.isBlank()) {
            throw new Refusal.Invalid("kind", "Say what kind of organisation this is: " + PARENT_KIND.keySet() + ".");
        }
        try {
            OrganisationKind kind = OrganisationKind.valueOf(kindName.trim().toUpperCase());
            if (kind == OrganisationKind.STATE) {
                throw new Refusal.Invalid("kind", "The directory has one state.");
            }
            return kind;
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("kind", "Unknown kind " + kindName + "; one of " + PARENT_KIND.keySet() + ".");
        }
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new Refusal.Invalid("name", "An organisation needs a name.");
        }
        String clean = name.strip().replaceAll("\\s+", " ");
        if (clean.length() > Organisation.NAME_MAX || clean.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal.Invalid("name", "A name is at most " + Organisation.NAME_MAX + " printable characters.");
        }
        return clean;
    }
}
