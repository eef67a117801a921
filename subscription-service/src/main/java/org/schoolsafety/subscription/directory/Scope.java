package org.schoolsafety.subscription.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolsafety.platform.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Organisation scope, decided here and not only at the gateway: a caller acts for one organisation (the
 * token's {@code org}) and reaches that organisation and everything below it. State staff act for the state,
 * so they reach everything; a district reaches its schools and never another district.
 */
@Component
public class Scope {

    /** No directory is deeper than state → region → county → district → school; guards against bad data. */
    private static final int MAX_DEPTH = 16;

    private final DirectoryView view;

    Scope(DirectoryView view) {
        this.view = view;
    }

    /** Whether {@code organisationId} is the caller's organisation or lies below it. */
    public boolean reaches(Caller caller, String organisationId) {
        if (caller.organisationId().isEmpty()) {
            return false;
        }
        return ancestry(organisationId).stream().anyMatch(o -> o.id().equals(caller.organisationId()));
    }

    /** The organisation and its ancestors, itself first and the root last; empty when it does not exist. */
    public List<Organisation> ancestry(String organisationId) {
        List<Organisation> chain = new ArrayList<>();
        String next = organisationId;
        while (next != null && chain.size() < MAX_DEPTH) {
            Optional<Organisation> organisation = view.get(next);
            if (organisation.isEmpty()) {
                break;
            }
            chain.add(organisation.get());
            next = organisation.get().parentId();
        }
        return chain;
    }
}
