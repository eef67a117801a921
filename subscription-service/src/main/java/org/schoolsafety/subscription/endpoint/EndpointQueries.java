package org.schoolsafety.subscription.endpoint;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.directory.Scope;
import org.springframework.stereotype.Component;

/**
 * What an organisation's keepers read: its endpoints, and who urgent alerts would miss. An organisation outside
 * the caller's part of the directory does not exist for them.
 */
@Component
class EndpointQueries {

    /** Organisations that must be reachable by urgent alerts themselves (not regions or counties). */
    private static final Set<OrganisationKind> FLAGGED_KINDS =
            EnumSet.of(OrganisationKind.DISTRICT, OrganisationKind.SCHOOL, OrganisationKind.AGENCY);

    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final Scope scope;

    EndpointQueries(EndpointView endpoints, DirectoryView directory, Scope scope) {
        this.endpoints = endpoints;
        this.directory = directory;
        this.scope = scope;
    }

    /** Refuses an organisation that does not exist, or lies outside the caller's part of the directory. */
    void requireVisible(Caller caller, String organisationId) {
        if (directory.get(organisationId).isEmpty() || !scope.reaches(caller, organisationId)) {
            throw new Refusal.NotFound(
                    "There is no organisation " + organisationId + " in your part of the directory.");
        }
    }

    /** The organisation's endpoints that are not removed, by channel and id. */
    List<EndpointChanged> current(String organisationId) {
        return endpoints.ofOrganisation(organisationId).stream()
                .filter(e -> !e.removed())
                .sorted(Comparator.comparing((EndpointChanged e) -> e.channel())
                        .thenComparing(EndpointChanged::endpointId))
                .toList();
    }

    /** Whether urgent alerts reach an organisation with these endpoints: one verified endpoint subscribed to them. */
    static boolean covered(List<EndpointChanged> current) {
        return current.stream().anyMatch(e -> e.verified() && e.feeds().contains(Feed.URGENT_ALERTS));
    }

    /**
     * The open districts, schools and agencies at or below the organisation with no verified endpoint subscribed
     * to urgent alerts, by kind and name.
     */
    List<Organisation> uncovered(String organisationId) {
        Set<String> covered = endpoints.subscribedTo(Feed.URGENT_ALERTS).stream()
                .filter(e -> e.verified() && !e.removed())
                .map(EndpointChanged::organisationId)
                .collect(Collectors.toSet());
        return directory.subtree(organisationId).stream()
                .filter(o -> !o.closed() && FLAGGED_KINDS.contains(o.kind()) && !covered.contains(o.id()))
                .sorted(Comparator.comparing(Organisation::kind)
                        .thenComparing(Organisation::name)
                        .thenComparing(Organisation::id))
                .toList();
    }
}
