package org.schoolsafety.subscription.directory;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * An organisation as the directory view holds it: the latest {@link OrganisationChanged} for its id, the
 * offset of that record on the {@code directory} topic (so an older record never overwrites a newer one),
 * and the words of its name for search.
 *
 * @param id directory id, e.g. {@code mo-district-columbia-93}
 * @param kind level in the hierarchy
 * @param name current name
 * @param parentId the organisation above, {@code null} for the state
 * @param countyFips five-digit county FIPS code for counties
 * @param sameCode six-digit SAME code for counties
 * @param closed no longer operates (kept so that its history keeps a name)
 * @param tlpClearance the most restricted TLP marking of advisories it may receive (never null here)
 * @param deliveryWindow its own hours for bulk messages; {@code null}: its nearest ancestor's, else the default
 * @param changedAt when this state took effect
 * @param offset offset of the record on its partition of the {@code directory} topic
 * @param tokens lower-case words of the name, for search
 */
public record Organisation(
        String id,
        OrganisationKind kind,
        String name,
        String parentId,
        String countyFips,
        String sameCode,
        boolean closed,
        Tlp tlpClearance,
        DeliveryWindow deliveryWindow,
        Instant changedAt,
        long offset,
        List<String> tokens) {

    /** The longest id: 3 to 80 lower-case letters, digits and hyphens. */
    static final int ID_MAX = 80;

    /** The longest name, what a list of schools and an SMS greeting can show. */
    static final int NAME_MAX = 200;

    static Organisation of(OrganisationChanged event, long offset) {
        return new Organisation(
                event.organisationId(),
                event.kind(),
                event.name(),
                event.parentId(),
                event.countyFips(),
                event.sameCode(),
                event.closed(),
                event.clearance(),
                event.deliveryWindow(),
                event.changedAt(),
                offset,
                words(event.name()));
    }

    /** Lower-case ASCII words of a name: "Saint-Genevieve R-II" → [saint, genevieve, r, ii]. */
    static List<String> words(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        for (String word : ascii.split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }
}
