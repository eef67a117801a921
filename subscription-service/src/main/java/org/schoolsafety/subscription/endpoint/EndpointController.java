package org.schoolsafety.subscription.endpoint;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.subscription.consent.VerificationStates;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.directory.Scope;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.Created;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.EndpointResource;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.EndpointSettings;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.NewEndpoint;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.OrganisationEndpoints;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.Rotation;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.Uncovered;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.UncoveredList;
import org.schoolsafety.subscription.endpoint.EndpointPayloads.VerificationSent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organisation's endpoints and their subscriptions. Signing secrets are shown once, when made; nothing
 * ever lists them again. Everything here is scoped to the caller's part of the directory.
 */
@RestController
class EndpointController {

    /** Organisations that must be reachable by urgent alerts themselves (not regions or counties). */
    private static final Set<OrganisationKind> FLAGGED_KINDS =
            EnumSet.of(OrganisationKind.DISTRICT, OrganisationKind.SCHOOL, OrganisationKind.AGENCY);

    private final EndpointCommands commands;
    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final Scope scope;
    private final VerificationStates states;

    EndpointController(
            EndpointCommands commands,
            EndpointView endpoints,
            DirectoryView directory,
            Scope scope,
            VerificationStates states) {
        this.commands = commands;
        this.endpoints = endpoints;
        this.directory = directory;
        this.scope = scope;
        this.states = states;
    }

    @GetMapping("/api/organisations/{organisationId}/endpoints")
    OrganisationEndpoints list(@PathVariable String organisationId) {
        Caller caller = caller();
        if (directory.get(organisationId).isEmpty() || !scope.reaches(caller, organisationId)) {
            throw ApiProblem.notFound("There is no organisation " + organisationId + " in your part of the directory.");
        }
        List<EndpointChanged> current = endpoints.ofOrganisation(organisationId).stream()
                .filter(e -> !e.removed())
                .sorted(Comparator.comparing((EndpointChanged e) -> e.channel())
                        .thenComparing(EndpointChanged::endpointId))
                .toList();
        boolean covered =
                current.stream().anyMatch(e -> e.verified() && e.feeds().contains(Feed.URGENT_ALERTS));
        Map<String, VerificationStates.Verification> verifications = states.of(current);
        return new OrganisationEndpoints(
                organisationId,
                covered,
                current.stream()
                        .map(e -> EndpointResource.of(e, verifications.get(e.endpointId())))
                        .toList());
    }

    /**
     * Who urgent alerts would miss: the open districts, schools and agencies at or below the organisation (within
     * the caller's part of the directory) with no verified endpoint subscribed to urgent alerts, by kind and name.
     */
    @GetMapping("/api/organisations/{organisationId}/uncovered")
    UncoveredList uncovered(
            @PathVariable String organisationId, @RequestParam(name = "limit", defaultValue = "500") int limit) {
        Caller caller = caller();
        if (directory.get(organisationId).isEmpty() || !scope.reaches(caller, organisationId)) {
            throw ApiProblem.notFound("There is no organisation " + organisationId + " in your part of the directory.");
        }
        if (limit < 1 || limit > 5000) {
            throw ApiProblem.invalid("limit", "limit is between 1 and 5000.");
        }
        Set<String> covered = endpoints.subscribedTo(Feed.URGENT_ALERTS).stream()
                .filter(e -> e.verified() && !e.removed())
                .map(EndpointChanged::organisationId)
                .collect(Collectors.toSet());
        List<Uncovered> uncovered = directory.subtree(organisationId).stream()
                .filter(o -> !o.closed() && FLAGGED_KINDS.contains(o.kind()) && !covered.contains(o.id()))
                .sorted(Comparator.comparing(Organisation::kind)
                        .thenComparing(Organisation::name)
                        .thenComparing(Organisation::id))
                .map(o -> new Uncovered(o.id(), o.kind(), o.name(), o.parentId()))
                .toList();
        return new UncoveredList(
                organisationId,
                uncovered.size(),
                uncovered.subList(0, Math.min(limit, uncovered.size())),
                uncovered.size() > limit);
    }

    @PostMapping("/api/organisations/{organisationId}/endpoints")
    ResponseEntity<Created> add(@PathVariable String organisationId, @Valid @RequestBody NewEndpoint body) {
        EndpointCommands.Added added = commands.add(
                caller(),
                organisationId,
                body.channel(),
                body.address(),
                new EndpointCommands.Settings(
                        body.role(), body.format(), body.feeds(), body.drills(), body.minCyberSeverity()));
        return ResponseEntity.created(
                        URI.create("/api/endpoints/" + added.endpoint().endpointId()))
                .body(new Created(resource(added.endpoint()), added.secret(), added.verificationSent()));
    }

    @GetMapping("/api/endpoints/{id}")
    EndpointResource get(@PathVariable String id) {
        return resource(commands.existing(caller(), id));
    }

    @PatchMapping("/api/endpoints/{id}")
    EndpointResource change(@PathVariable String id, @Valid @RequestBody EndpointSettings body) {
        if (body.address() != null) {
            throw ApiProblem.invalid("address", "An address never changes: add a new endpoint and remove this one.");
        }
        return resource(commands.change(
                caller(),
                id,
                new EndpointCommands.Settings(
                        body.role(), body.format(), body.feeds(), body.drills(), body.minCyberSeverity())));
    }

    @DeleteMapping("/api/endpoints/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        commands.remove(caller(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/endpoints/{id}/rotate-secret")
    Created rotate(@PathVariable String id, @Valid @RequestBody(required = false) Rotation body) {
        int hours = body == null || body.overlapHours() == null ? 24 : body.overlapHours();
        EndpointCommands.Added rotated = commands.rotateSecret(caller(), id, Duration.ofHours(hours));
        return new Created(resource(rotated.endpoint()), rotated.secret(), false);
    }

    /** Sends an unverified endpoint a new verification; 202, since it is delivered later. */
    @PostMapping("/api/endpoints/{id}/verification")
    ResponseEntity<VerificationSent> resendVerification(@PathVariable String id) {
        boolean sent = commands.resendVerification(caller(), id);
        if (!sent) {
            throw ApiProblem.unavailable("The verification could not be queued; try again shortly.");
        }
        return ResponseEntity.accepted().body(new VerificationSent(true));
    }

    private EndpointResource resource(EndpointChanged endpoint) {
        return EndpointResource.of(endpoint, states.of(endpoint));
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> ApiProblem.forbidden("This request carries no platform token."));
    }
}
