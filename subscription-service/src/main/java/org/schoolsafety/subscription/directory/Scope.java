package org.schoolsafety.subscription.directory;

import java.util.List;
import org.schoolsafety.platform.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Organisation scope, decided here and not only at the gateway: a caller acts for one organisation (the
 * token's {@code org}) and reaches that organisation and everything below it. State staff act for the state,
 * so they reach everything; a district reaches its schools and never another district.
 */
@Component
public class Scope {

    private final DirectoryView view;

    Scope(DirectoryView view) {
        this.view = view;
    }

    /** Whether {@code organisationId} is the caller's organisation or lies below it. */
    public boolean reaches(Caller caller, String organisationId) {
        return reaches(caller, ancestry(organisationId));
    }

    /** The organisation and its ancestors, itself first and the root last; empty when it does not exist. */
    List<Organisation> ancestry(String organisationId) {
        return DirectoryView.chain(organisationId, view.withAncestors(List.of(organisationId)));
    }

    /** Whether the caller's organisation is in this chain of ancestry (see {@link DirectoryView#chain}). */
    static boolean reaches(Caller caller, List<Organisation> chain) {
        return !caller.organisationId().isEmpty()
                && chain.stream().anyMatch(o -> o.id().equals(caller.organisationId()));
    }
}
