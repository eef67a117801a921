package org.schoolsafety.alert.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.schoolsafety.events.alert.AlertInfo;

/** What an update changed, in words a school secretary reads on a phone: new values, not a diff. */
final class Changes {

    private Changes() {}

    static String between(AlertInfo before, AlertInfo after) {
        List<String> changes = new ArrayList<>();
        if (!before.headline().equals(after.headline())) {
            changes.add("Headline now: " + after.headline() + ".");
        }
        if (!before.instruction().equals(after.instruction())) {
            changes.add("New instruction: " + after.instruction());
        }
        if (!before.description().equals(after.description())) {
            changes.add("The description was revised.");
        }
        if (!Objects.equals(before.expires(), after.expires())) {
            changes.add("Now in effect until " + RecipientTime.of(after.expires()) + ".");
        }
        if (!before.severity().equals(after.severity()) || !before.urgency().equals(after.urgency())) {
            changes.add("Severity " + after.severity() + ", urgency " + after.urgency() + ".");
        }
        if (!before.event().equals(after.event())
                || !before.category().equals(after.category())
                || !before.certainty().equals(after.certainty())) {
            changes.add("Event: " + after.event() + " (" + after.certainty() + ").");
        }
        if (!Objects.equals(before.web(), after.web()) || !Objects.equals(before.contact(), after.contact())) {
            changes.add("Contact details changed.");
        }
        return String.join(" ", changes);
    }
}
