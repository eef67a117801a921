package org.schoolsafety.subscription.endpoint;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.subscription.consent.VerificationStates;
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

    private final EndpointCommands commands;
    private final EndpointQueries queries;
    private final VerificationStates states;

    EndpointController(EndpointCommands commands, EndpointQueries queries, VerificationStates states) {
        this.commands = commands;
        this.queries = queries;
        this.states = states;
    }

    /**
     * The endpoints of one organisation, and whether urgent alerts reach it: at least one verified endpoint
     * subscribed to them.
     */
    @GetMapping("/api/organisations/{organisationId}/endpoints")
    OrganisationEndpoints list(@PathVariable String organisationId) {
        queries.requireVisible(caller(), organisationId);
        List<EndpointChanged> current = queries.current(organisationId);
        Map<String, VerificationStates.Verification> verifications = states.of(current);
        return new OrganisationEndpoints(
                organisationId,
                EndpointQueries.covered(current),
                current.stream()
                        .map(e -> EndpointResource.of(e, verifications.get(e.endpointId())))
                        .toList());
    }

    /** Who urgent alerts would miss at or below the organisation, within the caller's part of the directory. */
    @GetMapping("/api/organisations/{organisationId}/uncovered")
    UncoveredList uncovered(
            @PathVariable String organisationId, @RequestParam(name = "limit", defaultValue = "500") int limit) {
        queries.requireVisible(caller(), organisationId);
        if (limit < 1 || limit > 5000) {
            throw ApiProblem.invalid("limit", "limit is between 1 and 5000.");
        }
        List<Uncovered> uncovered = queries.uncovered(organisationId).stream()
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
