package org.schoolsafety.subscription.directory;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.text.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The directory over HTTP: search, one organisation with its place and children, and the administrator's
 * changes. Everyone sees only their own organisation's subtree; state staff see the whole state.
 */
@RestController
@RequestMapping("/api/organisations")
class OrganisationController {

    private static final int MAX_LIMIT = 200;
    private static final int CANDIDATES = 5000;

    private final DirectoryView view;
    private final Scope scope;
    private final DirectoryCommands commands;

    OrganisationController(DirectoryView view, Scope scope, DirectoryCommands commands) {
        this.view = view;
        this.scope = scope;
        this.commands = commands;
    }

    /** An organisation as callers see it. */
    record OrganisationView(
            String id,
            OrganisationKind kind,
            String name,
            String parentId,
            String countyFips,
            String sameCode,
            boolean closed,
            Tlp tlpClearance,
            WindowView deliveryWindow,
            Instant changedAt) {

        static OrganisationView of(Organisation o) {
            return new OrganisationView(
                    o.id(),
                    o.kind(),
                    o.name(),
                    o.parentId(),
                    o.countyFips(),
                    o.sameCode(),
                    o.closed(),
                    o.tlpClearance(),
                    WindowView.of(o.deliveryWindow()),
                    o.changedAt());
        }
    }

    /**
     * An organisation's own delivery window as the API writes it (times {@code HH:mm}, as they are sent); {@code null}
     * when it takes its ancestors' or the default.
     */
    record WindowView(String opens, String closes, String zone) {

        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

        static WindowView of(DeliveryWindow window) {
            return window == null
                    ? null
                    : new WindowView(HH_MM.format(window.opens()), HH_MM.format(window.closes()), window.zone());
        }
    }

    /** One organisation, the way up to the caller's own, and the organisations directly under it. */
    record OrganisationDetail(
            OrganisationView organisation, List<OrganisationView> path, List<OrganisationView> children) {}

    /** Search results, best first. */
    record SearchResult(List<OrganisationView> organisations, boolean more) {}

    /** What an administrator sends to add an organisation; the id is made from the name when left out. */
    record NewOrganisation(
            @Text(max = Organisation.ID_MAX) String id,
            @Text(max = 20) String kind,
            @Text(max = Organisation.NAME_MAX) String name,
            @Text(max = Organisation.ID_MAX) String parentId,
            @Text(max = 5) String countyFips) {}

    /**
     * A new name, parent, TLP clearance and/or delivery window; what is left out stays. The window is read by {@link
     * WindowChange} from the JSON as sent, where {@code null} (back to the default) differs from leaving it out.
     */
    record OrganisationChange(
            @Text(max = Organisation.NAME_MAX) String name,
            @Text(max = Organisation.ID_MAX) String parentId,
            @Text(max = 20) String tlpClearance,
            JsonNode deliveryWindow) {}

    @GetMapping
    SearchResult search(
            @RequestParam(name = "q", required = false) @Text(max = Organisation.NAME_MAX) String query,
            @RequestParam(name = "kind", required = false) @Text(max = 20) String kind,
            @RequestParam(name = "includeClosed", defaultValue = "false") boolean includeClosed,
            @RequestParam(name = "limit", defaultValue = "20") int limit) {
        Caller caller = caller();
        List<String> words = query == null ? List.of() : Organisation.words(query);
        if (words.isEmpty() || words.stream().mapToInt(String::length).max().orElse(0) < 2) {
            throw ApiProblem.invalid("q", "Search with at least one word of two letters or more.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "limit is between 1 and " + MAX_LIMIT + ".");
        }
        OrganisationKind wantedKind = kind == null ? null : kindParameter(kind);
        String widest =
                words.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        Set<String> candidates = new LinkedHashSet<>(view.idsWithWordStartingWith(widest, CANDIDATES));
        Map<String, Organisation> loaded = view.withAncestors(candidates);
        List<Organisation> found = new ArrayList<>();
        for (String id : candidates) {
            Organisation o = loaded.get(id);
            if (o != null
                    && (includeClosed || !o.closed())
                    && (wantedKind == null || o.kind() == wantedKind)
                    && words.stream().allMatch(w -> o.tokens().stream().anyMatch(t -> t.startsWith(w)))
                    && Scope.reaches(caller, DirectoryView.chain(id, loaded))) {
                found.add(o);
            }
        }
        found.sort(
                Comparator.comparing((Organisation o) -> !o.tokens().getFirst().startsWith(words.getFirst()))
                        .thenComparing(Organisation::name)
                        .thenComparing(Organisation::id));
        return new SearchResult(
                found.stream().limit(limit).map(OrganisationView::of).toList(), found.size() > limit);
    }

    @GetMapping("/{id}")
    OrganisationDetail get(@PathVariable String id) {
        Caller caller = caller();
        List<Organisation> ancestry = scope.ancestry(id);
        int own = indexOf(ancestry, caller.organisationId());
        if (ancestry.isEmpty() || own < 0) {
            // the same answer for "does not exist" and "not yours": no probing of other districts
            throw ApiProblem.notFound("There is no organisation " + id + " in your part of the directory.");
        }
        List<OrganisationView> path = ancestry.subList(1, own + 1).reversed().stream()
                .map(OrganisationView::of)
                .toList();
        List<OrganisationView> children = view.getAll(view.childIds(id)).stream()
                .sorted(Comparator.comparing(Organisation::name).thenComparing(Organisation::id))
                .map(OrganisationView::of)
                .toList();
        return new OrganisationDetail(OrganisationView.of(ancestry.getFirst()), path, children);
    }

    @PostMapping
    ResponseEntity<OrganisationView> add(@Valid @RequestBody NewOrganisation body) {
        Organisation added =
                commands.add(caller(), body.id(), body.kind(), body.name(), body.parentId(), body.countyFips());
        return ResponseEntity.created(URI.create("/api/organisations/" + added.id()))
                .body(OrganisationView.of(added));
    }

    @PatchMapping("/{id}")
    OrganisationView change(@PathVariable String id, @Valid @RequestBody OrganisationChange body) {
        return OrganisationView.of(commands.change(
                caller(),
                id,
                body.name(),
                body.parentId(),
                body.tlpClearance(),
                WindowChange.from(body.deliveryWindow())));
    }

    @PostMapping("/{id}/close")
    OrganisationView close(@PathVariable String id) {
        return OrganisationView.of(commands.close(caller(), id));
    }

    private static int indexOf(List<Organisation> ancestry, String id) {
        for (int i = 0; i < ancestry.size(); i++) {
            if (ancestry.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static OrganisationKind kindParameter(String kind) {
        try {
            return OrganisationKind.valueOf(kind.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("kind", "Unknown kind " + kind + ".");
        }
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> ApiProblem.forbidden("This request carries no platform token."));
    }
}
