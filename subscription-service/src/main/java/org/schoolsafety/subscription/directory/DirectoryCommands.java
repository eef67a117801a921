package org.schoolsafety.subscription.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.store.DirectoryTopic;
import org.springframework.stereotype.Service;

/**
 * What the state's directory administrator changes: add, rename, move and close organisations, and set their
 * delivery windows for bulk messages (which a district administrator may also do in its own subtree). A change is
 * valid only against the directory as it stands (the parent exists and is open, at the level above); it is
 * stored on the {@code directory} topic (all in-sync replicas) before the caller hears it succeeded, then
 * applied to the view, and written to the audit trail. Ids never change and closed organisations stay, so
 * alerts and deliveries that named them still resolve.
 */
@Service
public class DirectoryCommands {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DirectoryCommands.class);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,79}");
    private static final Pattern FIPS5 = Pattern.compile("[0-9]{5}");

    private final DirectoryView view;
    private final Scope scope;
    private final DirectoryTopic topic;
    private final Clock clock;

    DirectoryCommands(DirectoryView view, Scope scope, DirectoryTopic topic) {
        this.view = view;
        this.scope = scope;
        this.topic = topic;
        this.clock = Clock.systemUTC();
    }

    /** A new organisation under an open parent of the level above. */
    Organisation add(Caller caller, String id, String kindName, String name, String parentId, String countyFips) {
        OrganisationKind kind = OrganisationInput.kind(kindName);
        String cleanName = OrganisationInput.name(name);
        if (parentId == null || parentId.isBlank()) {
            throw new Refusal.Invalid("parentId", "Name the organisation this one belongs to.");
        }
        Organisation parent = view.get(parentId)
                .orElseThrow(() -> new Refusal.Invalid("parentId", "There is no organisation " + parentId + "."));
        requireAdminOf(caller, parent.id());
        checkParent(kind, parent);
        String fips = null;
        String same = null;
        if (kind == OrganisationKind.COUNTY) {
            if (countyFips == null || !FIPS5.matcher(countyFips).matches() || !countyFips.startsWith("29")) {
                throw new Refusal.Invalid("countyFips", "A Missouri county needs its five-digit FIPS code, 29xxx.");
            }
            fips = countyFips;
            same = "0" + countyFips;
        } else if (countyFips != null && !countyFips.isBlank()) {
            throw new Refusal.Invalid("countyFips", "Only counties carry a FIPS code.");
        }
        String newId = id == null || id.isBlank() ? freeId(kind, cleanName) : id;
        if (!ID.matcher(newId).matches()) {
            throw new Refusal.Invalid("id", "An id is 3 to 80 lower-case letters, digits and hyphens.");
        }
        if (view.get(newId).isPresent()) {
            throw new Refusal.Conflict("id", "The directory already has " + newId + ".");
        }
        return store(
                caller,
                "organisation.added",
                new OrganisationChanged(
                        newId, kind, cleanName, parent.id(), fips, same, false, null, Instant.now(clock)));
    }

    /**
     * A new name, a new parent, and/or a new TLP clearance for cyber advisories; the id, and so every reference
     * to it, stays.
     */
    public Organisation change(Caller caller, String id, String name, String parentId, String tlpClearance) {
        return change(caller, id, name, parentId, tlpClearance, null);
    }

    /**
     * A new name, parent, TLP clearance and/or delivery window ({@code window} {@code null}: the window stays). The
     * directory administrator changes anything; a district administrator may change only the delivery window, and
     * only of organisations in its own subtree (its district and its schools).
     */
    Organisation change(
            Caller caller, String id, String name, String parentId, String tlpClearance, WindowChange window) {
        Organisation current = existing(id);
        boolean windowOnly = window != null && name == null && parentId == null && tlpClearance == null;
        if (windowOnly) {
            requireWindowAdminOf(caller, id);
        } else {
            requireAdminOf(caller, id);
        }
        if (current.closed()) {
            throw new Refusal.Conflict(null, id + " is closed; closed organisations keep their last name and place.");
        }
        if (name == null && parentId == null && tlpClearance == null && window == null) {
            throw new Refusal.Invalid(
                    "name", "Send a new name, a new parentId, a new tlpClearance or a new deliveryWindow.");
        }
        Tlp clearance = tlpClearance == null ? current.tlpClearance() : OrganisationInput.clearance(tlpClearance);
        String newName = name == null ? current.name() : OrganisationInput.name(name);
        DeliveryWindow newWindow = window == null ? current.deliveryWindow() : window.window();
        String newParent = current.parentId();
        if (parentId != null) {
            if (current.kind() == OrganisationKind.STATE) {
                throw new Refusal.Invalid("parentId", "The state has no parent.");
            }
            Organisation parent = view.get(parentId)
                    .orElseThrow(() -> new Refusal.Invalid("parentId", "There is no organisation " + parentId + "."));
            requireAdminOf(caller, parent.id());
            checkParent(current.kind(), parent);
            newParent = parent.id();
        }
        String action = parentId != null && !newParent.equals(current.parentId())
                ? "organisation.moved"
                : name != null
                        ? "organisation.renamed"
                        : window != null && tlpClearance == null
                                ? "organisation.window-changed"
                                : "organisation.cleared";
        return store(
                caller,
                action,
                new OrganisationChanged(
                        id,
                        current.kind(),
                        newName,
                        newParent,
                        current.countyFips(),
                        current.sameCode(),
                        false,
                        clearance,
                        Instant.now(clock),
                        newWindow));
    }

    /** Closes an organisation whose children have been moved or closed; it stays in the directory, closed. */
    Organisation close(Caller caller, String id) {
        Organisation current = existing(id);
        requireAdminOf(caller, id);
        if (current.closed()) {
            return current;
        }
        if (current.kind() == OrganisationKind.STATE) {
            throw new Refusal.Conflict(null, "The state cannot be closed.");
        }
        long open = view.getAll(view.childIds(id)).stream()
                .filter(child -> !child.closed())
                .count();
        if (open > 0) {
            throw new Refusal.Conflict(
                    null, id + " still has " + open + " open organisations under it; move or close them first.");
        }
        return store(
                caller,
                "organisation.closed",
                new OrganisationChanged(
                        id,
                        current.kind(),
                        current.name(),
                        current.parentId(),
                        current.countyFips(),
                        current.sameCode(),
                        true,
                        current.tlpClearance(),
                        Instant.now(clock),
                        current.deliveryWindow()));
    }

    private Organisation existing(String id) {
        return view.get(id).orElseThrow(() -> new Refusal.NotFound("There is no organisation " + id + "."));
    }

    private void requireAdminOf(Caller caller, String organisationId) {
        if (!caller.hasAnyRole(Role.STATE_ADMIN) || !scope.reaches(caller, organisationId)) {
            throw new Refusal.NotAllowed("Only the state's directory administrator changes the directory.");
        }
    }

    private void requireWindowAdminOf(Caller caller, String organisationId) {
        boolean admin = caller.hasAnyRole(Role.STATE_ADMIN, Role.DISTRICT_ADMIN);
        if (!admin || !scope.reaches(caller, organisationId)) {
            throw new Refusal.NotAllowed(
                    "Only the directory administrator, or a district administrator for its own district and schools,"
                            + " sets a delivery window.");
        }
    }

    private static void checkParent(OrganisationKind kind, Organisation parent) {
        if (parent.closed()) {
            throw new Refusal.Invalid("parentId", parent.id() + " is closed.");
        }
        OrganisationKind wanted = OrganisationInput.PARENT_KIND.get(kind);
        if (parent.kind() != wanted) {
            throw new Refusal.Invalid(
                    "parentId",
                    "A " + kind.name().toLowerCase() + " belongs to a "
                            + wanted.name().toLowerCase() + ", not a "
                            + parent.kind().name().toLowerCase() + ".");
        }
    }

    private String freeId(OrganisationKind kind, String name) {
        String base = "mo-" + kind.name().toLowerCase() + "-" + String.join("-", Organisation.words(name));
        if (base.length() > 72) {
            base = base.substring(0, 72).replaceAll("-+$", "");
        }
        String candidate = base;
        for (int n = 2; view.get(candidate).isPresent(); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private Organisation store(Caller caller, String action, OrganisationChanged change) {
        long offset = topic.append(change.organisationId(), change);
        // on the topic, the change has happened: the caller hears so even if the view lags behind
        try {
            view.apply(change, offset);
        } catch (RuntimeException e) {
            log.error(
                    "directory view did not take {} at offset {}; the topic's follower applies it or records why not",
                    change.organisationId(),
                    offset,
                    e);
        }
        topic.audit(caller, action, change.organisationId(), change.changedAt());
        return Organisation.of(change, offset);
    }
}
